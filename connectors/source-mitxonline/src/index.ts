/**
 * source-mitxonline's entry point (the Docker image's ENTRYPOINT): `spec`, `check --config F`,
 * `discover --config F`, `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { MitxOnlineSource } from './source';

export const connector = new MitxOnlineSource();

if (require.main === module) sourceMain(connector);
