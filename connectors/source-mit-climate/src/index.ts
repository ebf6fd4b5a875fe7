/**
 * Entry point of source-mit-climate: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`.
 */
import { sourceMain } from '../../cdk';
import { mitClimateSource } from './mit-climate-source';

export { mitClimateSource };

/** The registry's handle on this source (`connectors/registry.ts`). */
export const connector = mitClimateSource;

if (require.main === module) sourceMain(connector);
