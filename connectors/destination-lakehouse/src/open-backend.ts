/** Pick the backend the config names. */
import type { ConnectorLogger } from '../../cdk/logger';
import type { LakehouseBackend } from './backend';
import { DuckdbBackend } from './duckdb-backend';
import { PostgresBackend } from './postgres-backend';
import { DEFAULT_DUCKDB_PATH, type ResolvedLakehouseConfig } from './lakehouse-config';

export function openBackend(config: ResolvedLakehouseConfig, logger: ConnectorLogger): LakehouseBackend {
  const b = config.backend;
  if (b.engine === 'postgres')
    return new PostgresBackend(b.url, config.rawSchema, config.typedSchema, config.connectionId, logger);
  return new DuckdbBackend(
    b.path || DEFAULT_DUCKDB_PATH,
    config.rawSchema,
    config.typedSchema,
    config.connectionId,
    logger,
    b.memory_limit,
  );
}
