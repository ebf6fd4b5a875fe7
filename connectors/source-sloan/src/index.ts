/**
 * Entry point of source-sloan: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { sloanSource } from './sloan-source';

export { sloanSource };

if (require.main === module) sourceMain(sloanSource);
