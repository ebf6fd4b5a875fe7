/**
 * Entry point of source-ocw: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { ocwSource } from './ocw-source';

export { ocwSource };

if (require.main === module) sourceMain(ocwSource);
