import { Pool, type PoolClient, type QueryResult as PgQueryResult } from 'pg';
import { ConfigError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Adapter, AdapterCapabilities, Column, QueryResult, Relation, TargetConfig } from './adapter';
import { postgresCapabilities } from './capabilities';
import { wrapDatabaseError } from './database-error';
import { copyRows } from './postgres-copy';
import { formatPostgresColumnType, postgresTypeName, postgresTypes } from './postgres-types';
import { quoteIdentifier, renderRelation, sqlString } from './quote';
import { relationTypeOf } from './relation-type';

/** Errors a retry can cure: connection refused/reset, serialization failures, deadlocks, too many clients. */
function isRetryable(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? '');
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '40001', '40P01', '53300', '57P03'].includes(code);
}

/** profiles.yml extras dbt-postgres accepts: `sslmode`, `search_path`, `role` (set per connection). */
function postgresConnectionExtras(target: TargetConfig): {
  ssl?: { rejectUnauthorized: boolean };
  options?: string;
} {
  const out: { ssl?: { rejectUnauthorized: boolean }; options?: string } = {};
  const sslmode = typeof target.sslmode === 'string' ? target.sslmode : undefined;
  if (sslmode && ['require', 'verify-ca', 'verify-full'].includes(sslmode))
    out.ssl = { rejectUnauthorized: sslmode !== 'require' };
  const options: string[] = [];
  if (typeof target.search_path === 'string' && target.search_path)
    options.push(`-c search_path=${target.search_path.replace(/[\s\\]/g, '')}`);
  if (typeof target.role === 'string' && target.role)
    options.push(`-c role=${target.role.replace(/[\s\\]/g, '')}`);
  if (options.length) out.options = options.join(' ');
  return out;
}

/** PostgreSQL through `pg`: a pool of `threads` connections; values: see postgres-types. */
export class PostgresAdapter implements Adapter {
  private readonly schemas = new Map<string, Promise<void>>();
  private closed = false;

  private constructor(
    readonly target: TargetConfig,
    readonly capabilities: AdapterCapabilities,
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  static async open(target: TargetConfig, logger: Logger): Promise<PostgresAdapter> {
    const database = target.dbname ?? target.database;
    if (!database)
      throw new ConfigError('a postgres target needs `dbname`', { where: `target ${target.name}` });
    if (target.password) logger.addSecret(target.password);
    const log = logger.child('postgres');
    const threads = Math.max(1, Number(target.threads ?? 1));
    const pool = new Pool({
      host: target.host ?? 'localhost',
      port: Number(target.port ?? 5432),
      user: target.user,
      password: target.password,
      database,
      // One spare connection for the engine's own queries (run_query, hooks) while every thread holds one.
      max: threads + 1,
      types: postgresTypes,
      connectionTimeoutMillis: Number(target.connect_timeout ?? 10) * 1000,
      application_name: 'learnflow',
      ...postgresConnectionExtras(target),
    });
    pool.on('error', (e) => log.warn(`idle connection error: ${e.message}`));
    const secrets = [target.password];
    let version: number;
    try {
      const r = await pool.query("SELECT current_setting('server_version_num') AS v");
      version = Number(r.rows[0].v);
    } catch (e) {
      await pool.end().catch(() => undefined);
      const err = wrapDatabaseError(e, 'postgres', undefined, secrets, isRetryable(e));
      throw Object.assign(err, {
        where: `${target.user ?? ''}@${target.host ?? 'localhost'}:${target.port ?? 5432}/${database}`,
      });
    }
    const adapter = new PostgresAdapter(target, postgresCapabilities(threads, version), pool, log);
    if (target.schema) await adapter.createSchema(target.schema);
    return adapter;
  }

  quote(identifier: string): string {
    return quoteIdentifier(identifier);
  }

  render(relation: Relation): string {
    return renderRelation(relation);
  }

  async execute(sql: string): Promise<QueryResult> {
    return this.run(this.pool, sql);
  }

  async transaction<T>(fn: (tx: Pick<Adapter, 'execute'>) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      await this.run(client, 'BEGIN');
      try {
        const result = await fn({ execute: (sql) => this.run(client, sql) });
        await this.run(client, 'COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async getRelation(schema: string, identifier: string): Promise<Relation | null> {
    const { rows } = await this.execute(
      `SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = ${sqlString(schema)} AND table_name = ${sqlString(identifier)}`,
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
WHERE table_catalog = current_database() AND table_schema = ${sqlString(schema)} ORDER BY table_name`,
    );
    return rows.map((row) => ({
      database: String(row.table_catalog),
      schema: String(row.table_schema),
      identifier: String(row.table_name),
      type: relationTypeOf(String(row.table_type)),
    }));
  }

  async getColumns(relation: Relation): Promise<Column[]> {
    const { rows } = await this.execute(
      `SELECT column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale
FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema = ${sqlString(relation.schema)}
  AND table_name = ${sqlString(relation.identifier)}
ORDER BY ordinal_position`,
    );
    return rows.map((row) => ({ name: String(row.column_name), dataType: formatPostgresColumnType(row) }));
  }

  /** Create the schema when it is missing (an existing one needs no CREATE privilege); safe to race. */
  createSchema(schema: string): Promise<void> {
    let pending = this.schemas.get(schema);
    if (!pending) {
      pending = (async () => {
        const found = await this.execute(
          `SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ${sqlString(schema)}`,
        );
        if (found.rows.length) return;
        await this.execute(
          `DO $lf$ BEGIN CREATE SCHEMA IF NOT EXISTS ${this.quote(schema)}; EXCEPTION WHEN unique_violation THEN NULL; END $lf$`,
        );
      })();
      pending.catch(() => this.schemas.delete(schema));
      this.schemas.set(schema, pending);
    }
    return pending;
  }

  async loadRows(relation: Relation, columns: Column[], rows: (string | null)[][]): Promise<number> {
    const table = this.render(relation);
    const client = await this.connect();
    try {
      return await copyRows(
        client,
        table,
        columns.map((c) => this.quote(c.name)),
        rows,
      );
    } catch (e) {
      throw wrapDatabaseError(e, 'postgres', `COPY ${table} FROM STDIN`, [this.target.password]);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw wrapDatabaseError(e, 'postgres', undefined, [this.target.password], isRetryable(e));
    }
  }

  private async run(runner: Pool | PoolClient, sql: string): Promise<QueryResult> {
    this.logger.debug('sql', { sql });
    try {
      const result = (await runner.query(sql)) as PgQueryResult | PgQueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      if (!last) return { columns: [], rows: [], rowsAffected: 0 };
      return {
        columns: (last.fields ?? []).map((f) => ({ name: f.name, dataType: postgresTypeName(f.dataTypeID) })),
        rows: last.rows ?? [],
        rowsAffected: last.rowCount ?? 0,
      };
    } catch (e) {
      throw wrapDatabaseError(e, 'postgres', sql, [this.target.password], isRetryable(e));
    }
  }
}
