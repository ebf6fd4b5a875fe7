/**
 * Entry point of source-ocw: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { ocwSource } from './ocw-source';

export { ocwSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = ocwSource;

if (require.main === module) sourceMain(connector);
