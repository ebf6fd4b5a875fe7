/**
 * Entry point of source-xpro: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { xproSource } from './xpro-source';

export { xproSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = xproSource;

if (require.main === module) sourceMain(connector);
