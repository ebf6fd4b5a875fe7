/**
 * Entry point of source-ovs: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { ovsSource } from './ovs-source';

export { ovsSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = ovsSource;

if (require.main === module) sourceMain(connector);
