/**
 * source-podcasts' entry point (the Docker image's ENTRYPOINT): `spec`, `check --config F`,
 * `discover --config F`, `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { PodcastsSource } from './source';

export const connector = new PodcastsSource();

if (require.main === module) sourceMain(connector);
