/**
 * Entry point of source-mitpe: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { mitpeSource } from './mitpe-source';

export { mitpeSource };

if (require.main === module) sourceMain(mitpeSource);
