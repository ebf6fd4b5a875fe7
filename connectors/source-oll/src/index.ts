/**
 * Entry point of source-oll: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { ollSource } from './oll-source';

export { ollSource };

if (require.main === module) sourceMain(ollSource);
