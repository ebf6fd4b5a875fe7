/**
 * Entry point of source-sloan: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { sloanSource } from './sloan-source';

export { sloanSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = sloanSource;

if (require.main === module) sourceMain(connector);
