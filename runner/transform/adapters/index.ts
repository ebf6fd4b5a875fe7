/**
 * Adapters: the only way the transform engine touches a database.
 *
 * Adding an engine (Trino, ...): implement `Adapter` from ./adapter.ts in `<engine>-adapter.ts` —
 * `execute` (one statement or a script; rows as plain JS values: numbers, strings, booleans, `Date`s for
 * timestamps, `YYYY-MM-DD` strings for dates), `transaction`, introspection through information_schema
 * (`getRelation`, `getColumns`, `listRelations`), `createSchema`, `quote`/`render`, `loadRows` for seeds and
 * `close`. Declare what the engine can do in its `AdapterCapabilities` (capabilities.ts): MERGE support,
 * strategies, concurrency, seed type names, the SQL for "now". Throw `DatabaseError` with the database's
 * message and the SQL. Add the type to `AdapterType` and a case to `createAdapter`. The materializations
 * plan their SQL from the capabilities, so nothing else changes.
 */
export type * from './adapter';
export { createAdapter } from './create-adapter';
export { DatabaseError, wrapDatabaseError } from './database-error';
export { DuckDBAdapter } from './duckdb-adapter';
export { PostgresAdapter } from './postgres-adapter';
export { duckdbCapabilities, postgresCapabilities } from './capabilities';
export { quoteIdentifier, renderRelation, sqlString } from './quote';
