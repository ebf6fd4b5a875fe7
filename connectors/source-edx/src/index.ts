/**
 * Entry point of source-edx: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { edxSource } from './edx-source';

export { edxSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = edxSource;

if (require.main === module) sourceMain(connector);
