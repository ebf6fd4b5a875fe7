import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import type { Adapter, TargetConfig } from '../adapters/adapter';

/**
 * Open the adapter of a target, loading only that engine's driver (DuckDB's native module and pg each
 * take a noticeable part of start-up).
 */
export async function openAdapter(target: TargetConfig, logger: Logger): Promise<Adapter> {
  if (target.type === 'duckdb') {
    // a database file in a folder that does not exist yet (e.g. target/dev.duckdb after a clean)
    if (target.path && target.path !== ':memory:')
      fs.mkdirSync(path.dirname(target.path), { recursive: true });
    const { DuckDBAdapter } =
      require('../adapters/duckdb-adapter') as typeof import('../adapters/duckdb-adapter');
    return DuckDBAdapter.open(target, logger);
  }
  if (target.type === 'postgres') {
    const { PostgresAdapter } =
      require('../adapters/postgres-adapter') as typeof import('../adapters/postgres-adapter');
    return PostgresAdapter.open(target, logger);
  }
  const { createAdapter } =
    require('../adapters/create-adapter') as typeof import('../adapters/create-adapter');
  return createAdapter(target, logger);
}
