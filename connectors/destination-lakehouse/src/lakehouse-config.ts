/** The destination's config, as validated against spec.json (defaults applied here as well). */
export type BackendConfig =
  { engine: 'duckdb'; path?: string; memory_limit?: string } | { engine: 'postgres'; url: string };

export interface LakehouseConfig {
  backend: BackendConfig;
  raw_schema?: string;
  typed_schema?: string;
  source_name?: string;
  connection_id?: string;
  batch_size?: number;
  max_buffered_records?: number;
}

export interface ResolvedLakehouseConfig {
  backend: BackendConfig;
  rawSchema: string;
  typedSchema: string;
  sourceName?: string;
  connectionId: string;
  batchSize: number;
  maxBufferedRecords: number;
}

export const DEFAULT_DUCKDB_PATH = '.learnflow/lakehouse.duckdb';

/** DuckDB's memory_limit for the destination's own instance: caches of written blocks stay small. */
export const DEFAULT_DUCKDB_MEMORY_LIMIT = '512MB';

/**
 * Records per commit when the config sets none. DuckDB: one row group (122,880 rows), the least a commit must
 * hold for DuckDB to write compressed row groups straight into the file instead of logging every row to the
 * WAL and compressing it again at each checkpoint.
 */
export const DEFAULT_BATCH_SIZE = { duckdb: 122_880, postgres: 50_000 } as const;

export function resolveLakehouseConfig(config: LakehouseConfig): ResolvedLakehouseConfig {
  const duck = config.backend as { path?: string; memory_limit?: string } | undefined;
  const backend: BackendConfig =
    config.backend?.engine === 'postgres'
      ? { engine: 'postgres', url: config.backend.url }
      : {
          engine: 'duckdb',
          path: duck?.path || DEFAULT_DUCKDB_PATH,
          memory_limit: duck?.memory_limit || DEFAULT_DUCKDB_MEMORY_LIMIT,
        };
  return {
    backend,
    rawSchema: config.raw_schema || 'airbyte_internal',
    typedSchema: config.typed_schema || 'raw',
    sourceName: config.source_name || undefined,
    connectionId: config.connection_id || 'default',
    batchSize:
      config.batch_size && config.batch_size > 0 ? config.batch_size : DEFAULT_BATCH_SIZE[backend.engine],
    maxBufferedRecords:
      config.max_buffered_records && config.max_buffered_records > 0 ? config.max_buffered_records : 500_000,
  };
}
