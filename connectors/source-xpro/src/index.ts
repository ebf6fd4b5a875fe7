/**
 * Entry point of source-xpro: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { xproSource } from './xpro-source';

export { xproSource };

if (require.main === module) sourceMain(xproSource);
