import { createTestDatabase } from '../../../../tests/support/pg';
import { memoryLogger } from '../../../common/logger';
import type { Adapter, AdapterType, TargetConfig } from '../adapter';
import { createAdapter } from '../create-adapter';

/** A PostgreSQL URL as a profiles.yml-style target. */
export function postgresTarget(url: string, overrides: Partial<TargetConfig> = {}): TargetConfig {
  const u = new URL(url);
  return {
    name: 'test',
    type: 'postgres',
    schema: 'public',
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    dbname: u.pathname.replace(/^\//, ''),
    threads: 4,
    ...overrides,
  };
}

export interface TestEngine {
  adapter: Adapter;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A real, empty database of the given type: in-memory DuckDB, or a fresh PostgreSQL database. */
export async function openTestEngine(type: AdapterType, schema = 'analytics'): Promise<TestEngine> {
  const logger = memoryLogger('info');
  if (type === 'duckdb') {
    const adapter = await createAdapter(
      { name: 'test', type: 'duckdb', schema, path: ':memory:', threads: 4 },
      logger,
    );
    return { adapter, logger, close: () => adapter.close() };
  }
  const db = await createTestDatabase('mat');
  const adapter = await createAdapter(postgresTarget(db.url, { schema }), logger);
  return {
    adapter,
    logger,
    close: async () => {
      await adapter.close();
      await db.drop();
    },
  };
}

export const ENGINES: AdapterType[] = ['duckdb', 'postgres'];
