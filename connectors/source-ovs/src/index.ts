/**
 * Entry point of source-ovs: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { ovsSource } from './ovs-source';

export { ovsSource };

if (require.main === module) sourceMain(ovsSource);
