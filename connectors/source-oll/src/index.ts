/**
 * Entry point of source-oll: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { ollSource } from './oll-source';

export { ollSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = ollSource;

if (require.main === module) sourceMain(connector);
