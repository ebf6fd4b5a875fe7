import { DuckDBConnection, ResultReturnType, StatementType, type DuckDBResultReader } from '@duckdb/node-api';
import { leaseDuckdb, type DuckdbLease } from '../../../connectors/destination-lakehouse/src/shared-duckdb';
import type { Logger } from '../../common/logger';
import type { Adapter, AdapterCapabilities, Column, QueryResult, Relation, TargetConfig } from './adapter';
import { duckdbCapabilities } from './capabilities';
import { ConnectionPool } from './connection-pool';
import { DatabaseError, wrapDatabaseError } from './database-error';
import { duckdbValueConverter } from './duckdb-values';
import { quoteIdentifier, renderRelation, sqlString } from './quote';
import { relationTypeOf } from './relation-type';

let loadCounter = 0;

/**
 * DuckDB, embedded: one in-process database per target, shared by the engine's threads through a pool of
 * `threads` connections on the same instance (DuckDB runs them concurrently). Row values: see duckdb-values.
 */
export class DuckDBAdapter implements Adapter {
  readonly capabilities: AdapterCapabilities;
  private readonly pool: ConnectionPool<DuckDBConnection>;
  private readonly schemas = new Map<string, Promise<void>>();
  private closed = false;

  private constructor(
    readonly target: TargetConfig,
    private readonly lease: DuckdbLease,
    private readonly logger: Logger,
  ) {
    const instance = lease.instance;
    const threads = Math.max(1, Number(target.threads ?? 1));
    this.capabilities = duckdbCapabilities(threads);
    // One spare connection for the engine's own queries while every thread holds one.
    this.pool = new ConnectionPool(threads + 1, () => instance.connect());
  }

  static async open(target: TargetConfig, logger: Logger): Promise<DuckDBAdapter> {
    const file = String(target.path ?? ':memory:');
    const settings = (target.settings ?? {}) as Record<string, string>;
    // One instance per file in this process, shared with the lakehouse's other users (sync, pipeline).
    let lease: DuckdbLease;
    try {
      lease = await leaseDuckdb(file, {
        settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
      });
    } catch (e) {
      const raw = (e as { message?: unknown } | null)?.message;
      const message = typeof raw === 'string' ? raw : String(e);
      if (/Could not set lock on file|Conflicting lock/i.test(message)) {
        throw new DatabaseError(`the DuckDB file ${file} is in use by another process (${message})`, {
          adapterType: 'duckdb',
          where: file,
          retryable: true,
          hint: 'close the other program holding the file (a DuckDB shell, a notebook, another learnflow run) or point the profile at another path',
          cause: e,
        });
      }
      throw wrapDatabaseError(e, 'duckdb', undefined);
    }
    for (const [k, v] of Object.entries(settings))
      if (/secret|password|token|key/i.test(k)) logger.addSecret(String(v));
    if (!lease.created && Object.keys(settings).length)
      logger.warn(
        `the DuckDB file ${file} is already open in this process (a pipeline's lakehouse): ` +
          `the profile's settings (${Object.keys(settings).join(', ')}) apply only to an instance it opens`,
      );
    const adapter = new DuckDBAdapter(target, lease, logger.child('duckdb'));
    if (target.schema) await adapter.createSchema(target.schema);
    return adapter;
  }

  quote(identifier: string): string {
    return quoteIdentifier(identifier);
  }

  render(relation: Relation): string {
    return renderRelation(relation);
  }

  execute(sql: string): Promise<QueryResult> {
    return retryOnConflict(() => this.pool.use((conn) => this.run(conn, sql)));
  }

  /** On a write-write conflict with another thread's transaction the whole transaction is retried. */
  async transaction<T>(fn: (tx: Pick<Adapter, 'execute'>) => Promise<T>): Promise<T> {
    return retryOnConflict(() =>
      this.pool.use(async (conn) => {
        await this.run(conn, 'BEGIN TRANSACTION');
        try {
          const result = await fn({ execute: (sql) => this.run(conn, sql) });
          await this.run(conn, 'COMMIT');
          return result;
        } catch (e) {
          await conn.run('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    );
  }

  async getRelation(schema: string, identifier: string): Promise<Relation | null> {
    const { rows } = await this.execute(
      `SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables
WHERE table_catalog = current_database() AND lower(table_schema) = lower(${sqlString(schema)})
  AND lower(table_name) = lower(${sqlString(identifier)})
ORDER BY (table_name = ${sqlString(identifier)}) DESC LIMIT 1`,
    );
    const row = rows[0];
    if (!row) return null;
    return {
      database: String(row.table_catalog),
      schema: String(row.table_schema),
      identifier: String(row.table_name),
      type: relationTypeOf(String(row.table_type)),
    };
  }

  async listRelations(schema: string): Promise<Relation[]> {
    const { rows } = await this.execute(
      `SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables
WHERE table_catalog = current_database() AND lower(table_schema) = lower(${sqlString(schema)})
ORDER BY table_name`,
    );
    return rows.map((row) => ({
      database: String(row.table_catalog),
      schema: String(row.table_schema),
      identifier: String(row.table_name),
      type: relationTypeOf(String(row.table_type)),
    }));
  }

  async getColumns(relation: Relation): Promise<Column[]> {
    const catalog = relation.database ? sqlString(relation.database) : 'current_database()';
    const { rows } = await this.execute(
      `SELECT column_name, data_type FROM information_schema.columns
WHERE table_catalog = ${catalog} AND lower(table_schema) = lower(${sqlString(relation.schema)})
  AND lower(table_name) = lower(${sqlString(relation.identifier)})
ORDER BY ordinal_position`,
    );
    return rows.map((row) => ({ name: String(row.column_name), dataType: String(row.data_type) }));
  }

  createSchema(schema: string): Promise<void> {
    const key = schema.toLowerCase();
    let pending = this.schemas.get(key);
    if (!pending) {
      pending = this.execute(`CREATE SCHEMA IF NOT EXISTS ${this.quote(schema)}`).then(() => undefined);
      pending.catch(() => this.schemas.delete(key));
      this.schemas.set(key, pending);
    }
    return pending;
  }

  /**
   * Seeds: the strings go through DuckDB's appender into a session-local VARCHAR table, then one
   * `INSERT ... SELECT` casts them to the target's column types (a bad value fails the whole load).
   */
  loadRows(relation: Relation, columns: Column[], rows: (string | null)[][]): Promise<number> {
    const quoted = columns.map((c) => this.quote(c.name));
    const stage = `learnflow_load_${(loadCounter += 1)}`;
    return this.pool.use(async (conn) => {
      await this.run(conn, `CREATE TEMP TABLE ${stage} (${quoted.map((c) => `${c} VARCHAR`).join(', ')})`);
      try {
        const appender = await conn.createAppender(stage, 'main', 'temp');
        try {
          for (const row of rows) {
            for (let i = 0; i < quoted.length; i += 1) {
              const v = row[i];
              if (v == null) appender.appendNull();
              else appender.appendVarchar(v);
            }
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        const cols = quoted.join(', ');
        const r = await this.run(
          conn,
          `INSERT INTO ${this.render(relation)} (${cols}) SELECT ${cols} FROM temp.main.${stage}`,
        );
        return r.rowsAffected;
      } catch (e) {
        throw wrapDatabaseError(e, 'duckdb', `INSERT INTO ${this.render(relation)} (appended rows)`);
      } finally {
        await conn.run(`DROP TABLE IF EXISTS temp.main.${stage}`).catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.pool.drain()) conn.closeSync();
    this.lease.release();
  }

  private async run(conn: DuckDBConnection, sql: string): Promise<QueryResult> {
    if (this.closed) throw new DatabaseError('the DuckDB adapter is closed', { adapterType: 'duckdb', sql });
    this.logger.debug('sql', { sql });
    try {
      if (!sql.includes(';')) return readResult(await conn.runAndReadAll(sql));
      const extracted = await conn.extractStatements(sql);
      let last: QueryResult = { columns: [], rows: [], rowsAffected: 0 };
      for (let i = 0; i < extracted.count; i += 1) {
        const prepared = await extracted.prepare(i);
        last = readResult(await prepared.runAndReadAll());
      }
      return last;
    } catch (e) {
      throw wrapDatabaseError(
        e,
        'duckdb',
        sql,
        [],
        CONFLICT.test(String((e as { message?: unknown })?.message)),
      );
    }
  }
}

const CONFLICT = /conflict/i;

/** DuckDB's optimistic concurrency aborts one of two conflicting transactions; it was rolled back, so run it again. */
async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !(e instanceof DatabaseError) || !CONFLICT.test(e.dbMessage)) throw e;
    }
  }
}

function readResult(reader: DuckDBResultReader): QueryResult {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.convertRowObjects(duckdbValueConverter) as Record<string, unknown>[];
  if (reader.returnType !== ResultReturnType.QUERY_RESULT || reader.statementType !== StatementType.SELECT) {
    // DDL and DML report their row count (CREATE TABLE AS, INSERT, ...) as a one-cell `Count` result.
    if (names.length === 1 && names[0] === 'Count') {
      const counted = rows[0]?.Count;
      return { columns: [], rows: [], rowsAffected: counted == null ? reader.rowsChanged : Number(counted) };
    }
    if (reader.returnType !== ResultReturnType.QUERY_RESULT)
      return { columns: [], rows: [], rowsAffected: reader.rowsChanged };
  }
  return {
    columns: names.map((name, i) => ({ name, dataType: String(types[i]) })),
    rows,
    rowsAffected: rows.length,
  };
}
