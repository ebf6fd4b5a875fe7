/**
 * source-youtube's entry point (the Docker image's ENTRYPOINT): `spec`, `check --config F`,
 * `discover --config F`, `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { YoutubeSource } from './source';

export const connector = new YoutubeSource();

if (require.main === module) sourceMain(connector);
