/**
 * The adapter interface: the only way the transform engine touches a database. Small on purpose so
 * another engine (Trino, ...) can be added by implementing it. Capabilities are data, not code paths.
 */

export type AdapterType = 'duckdb' | 'postgres';

export interface Relation {
  database?: string;
  schema: string;
  identifier: string;
  type?: 'table' | 'view';
}

export interface Column {
  name: string;
  /** The database's own type name, e.g. `INTEGER`, `character varying`, `TIMESTAMP WITH TIME ZONE`. */
  dataType: string;
}

/**
 * Rows as plain JavaScript, the same on every engine: integers and decimals are numbers when exactly
 * representable (else their decimal string), text is a string, booleans are booleans, NULL is null, a
 * `date` is a `YYYY-MM-DD` string, a timestamp is a `Date` (one without a zone read as UTC).
 */
export interface QueryResult {
  columns: Column[];
  rows: Record<string, unknown>[];
  rowsAffected: number;
}

/** What an engine can do, declared as data so planners choose SQL without `if (type === ...)`. */
export interface AdapterCapabilities {
  type: AdapterType;
  /** `MERGE INTO` is available (DuckDB >= 1.4, PostgreSQL >= 15). */
  supportsMerge: boolean;
  /** DDL inside a transaction can be rolled back (both engines here). */
  transactionalDdl: boolean;
  /** Incremental strategies the engine accepts; the first is the default. */
  incrementalStrategies: string[];
  /** How many statements may run at once (DuckDB: one in-process database shared by the threads). */
  maxConcurrency: number;
  /** Type names used when a seed column type is inferred. */
  seedTypes: {
    integer: string;
    float: string;
    boolean: string;
    date: string;
    timestamp: string;
    text: string;
  };
  /** The default when `incremental_strategy` is not set (dbt-postgres: append, or delete+insert with a unique_key; dbt-duckdb: delete+insert). */
  defaultIncrementalStrategy?: { withoutUniqueKey: string; withUniqueKey: string };
  /** Integer type for seed columns whose values do not fit 32 bits. */
  bigIntegerType?: string;
  /** SQL for "now" as a timestamp without time zone (snapshot times). */
  snapshotTimeSql?: string;
  /** Longest identifier the engine keeps (PostgreSQL: 63); temporary names are cut to fit. */
  maxIdentifierLength?: number;
  /** `DROP ... CASCADE` is needed to drop a relation other views depend on (PostgreSQL). */
  dropCascade?: boolean;
  /** The `indexes` config is applied (PostgreSQL; DuckDB cannot rename an indexed table). */
  supportsIndexes?: boolean;
  /** The `grants` config is applied (PostgreSQL; DuckDB has no privileges). */
  supportsGrants?: boolean;
}

/** The connection profile of one target (from profiles.yml). Secrets are never logged. */
export interface TargetConfig {
  name: string;
  type: AdapterType;
  schema: string;
  database?: string;
  threads?: number;
  /** duckdb: path to the database file (`:memory:` allowed). */
  path?: string;
  /** postgres */
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  dbname?: string;
  [k: string]: unknown;
}

export interface Adapter {
  readonly capabilities: AdapterCapabilities;
  readonly target: TargetConfig;
  /** Run one SQL statement (or a script for DuckDB); rows are returned when the statement yields any. */
  execute(sql: string): Promise<QueryResult>;
  /** Run the statements in one transaction; on error everything is rolled back and the error rethrown. */
  transaction<T>(fn: (tx: Pick<Adapter, 'execute'>) => Promise<T>): Promise<T>;
  getRelation(schema: string, identifier: string): Promise<Relation | null>;
  getColumns(relation: Relation): Promise<Column[]>;
  listRelations(schema: string): Promise<Relation[]>;
  createSchema(schema: string): Promise<void>;
  /** Quote an identifier for this engine. */
  quote(identifier: string): string;
  /** The fully qualified, quoted name, e.g. `"main"."orders"`. */
  render(relation: Relation): string;
  /** Load rows (strings from a CSV) into an existing table as fast as the engine allows. */
  loadRows(relation: Relation, columns: Column[], rows: (string | null)[][]): Promise<number>;
  close(): Promise<void>;
}

export type { DatabaseError } from './database-error';
