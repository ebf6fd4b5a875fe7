import { ConfigError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Adapter, TargetConfig } from './adapter';
import { DuckDBAdapter } from './duckdb-adapter';
import { PostgresAdapter } from './postgres-adapter';

/** Open the adapter for one target. The password (if any) is registered with the logger as a secret. */
export async function createAdapter(target: TargetConfig, logger: Logger): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb':
      return DuckDBAdapter.open(target, logger);
    case 'postgres':
      return PostgresAdapter.open(target, logger);
    default:
      throw new ConfigError(
        `unknown adapter type "${String((target as { type?: unknown }).type)}"; expected duckdb or postgres`,
        {
          where: `target ${target.name}`,
        },
      );
  }
}
