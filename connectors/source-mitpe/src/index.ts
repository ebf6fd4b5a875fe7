/**
 * Entry point of source-mitpe: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { mitpeSource } from './mitpe-source';

export { mitpeSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = mitpeSource;

if (require.main === module) sourceMain(connector);
