/**
 * source-news-events' entry point (the Docker image's ENTRYPOINT): `spec`, `check --config F`,
 * `discover --config F`, `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { NewsEventsSource } from './source';

export const connector = new NewsEventsSource();

if (require.main === module) sourceMain(connector);
