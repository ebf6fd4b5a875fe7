import type { AdapterCapabilities } from './adapter';

/**
 * DuckDB: MERGE INTO since 1.4 (the bundled engine is 1.5), transactional DDL, one in-process database;
 * `threads` connections on the same instance run statements at once.
 */
export function duckdbCapabilities(threads: number): AdapterCapabilities {
  return {
    type: 'duckdb',
    supportsMerge: true,
    transactionalDdl: true,
    incrementalStrategies: ['append', 'delete+insert', 'merge'],
    // dbt-duckdb's default is delete+insert, which without a unique_key only inserts.
    defaultIncrementalStrategy: { withoutUniqueKey: 'delete+insert', withUniqueKey: 'delete+insert' },
    maxConcurrency: Math.max(1, threads),
    seedTypes: {
      integer: 'INTEGER',
      float: 'DOUBLE',
      boolean: 'BOOLEAN',
      date: 'DATE',
      timestamp: 'TIMESTAMP',
      text: 'VARCHAR',
    },
    bigIntegerType: 'BIGINT',
    snapshotTimeSql: 'now()::timestamp',
    maxIdentifierLength: 255,
    dropCascade: false,
    supportsIndexes: false,
    supportsGrants: false,
  };
}

/** PostgreSQL: MERGE INTO from version 15; `threads` pooled connections. */
export function postgresCapabilities(threads: number, serverVersion: number): AdapterCapabilities {
  return {
    type: 'postgres',
    supportsMerge: serverVersion >= 150000,
    transactionalDdl: true,
    incrementalStrategies: ['append', 'delete+insert', 'merge'],
    defaultIncrementalStrategy: { withoutUniqueKey: 'append', withUniqueKey: 'delete+insert' },
    maxConcurrency: Math.max(1, threads),
    seedTypes: {
      integer: 'integer',
      float: 'float8',
      boolean: 'boolean',
      date: 'date',
      timestamp: 'timestamp without time zone',
      text: 'text',
    },
    bigIntegerType: 'bigint',
    snapshotTimeSql: 'now()::timestamp without time zone',
    maxIdentifierLength: 63,
    dropCascade: true,
    supportsIndexes: true,
    supportsGrants: true,
  };
}
