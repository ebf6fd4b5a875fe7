/**
 * Open the lakehouse — the DuckDB file or the PostgreSQL database that `learnflow.yml`'s `lakehouse`
 * section names — for the steps that read or manage it (sync bookkeeping, export, transform, deliver).
 * One small interface over both engines: parameterized queries ($1, $2, ...) returning plain JS rows.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { leaseDuckdb, type DuckdbLease } from '../../connectors/destination-lakehouse/src/shared-duckdb';
import { Client, types } from 'pg';
import { LearnflowError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { LakehouseSettings } from '../config/learnflow-config';

export const DEFAULT_LAKEHOUSE: LakehouseSettings = { engine: 'duckdb', path: '.learnflow/lakehouse.duckdb' };

export type Row = Record<string, unknown>;

export interface LakehouseConnection {
  readonly engine: 'duckdb' | 'postgres';
  /** Where it is, without credentials. */
  readonly location: string;
  readonly rawSchema: string;
  readonly typedSchema: string;
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  exec(sql: string, params?: unknown[]): Promise<void>;
  quote(identifier: string): string;
  close(): Promise<void>;
}

/** A lakehouse that cannot be opened or queried. */
export class LakehouseError extends LearnflowError {}

export function quoteIdentifier(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

/** The DuckDB file path of the settings, absolute (relative paths resolve against `baseDir`). */
export function duckdbPath(settings: LakehouseSettings, baseDir: string): string {
  const file = (settings.engine === 'duckdb' && settings.path) || '.learnflow/lakehouse.duckdb';
  return file === ':memory:' ? file : path.resolve(baseDir, file);
}

/** Where the settings point, with any password removed. */
export function describeLakehouse(settings: LakehouseSettings, baseDir: string): string {
  if (settings.engine === 'duckdb') return `duckdb ${duckdbPath(settings, baseDir)}`;
  try {
    const u = new URL(settings.url);
    return `postgres ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch (_e) {
    return 'postgres (unparseable URL)';
  }
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return v;
}

class DuckdbLakehouse implements LakehouseConnection {
  readonly engine = 'duckdb' as const;
  constructor(
    readonly location: string,
    readonly rawSchema: string,
    readonly typedSchema: string,
    private readonly lease: DuckdbLease,
    private readonly conn: DuckDBConnection,
  ) {}

  async query(sql: string, params?: unknown[]): Promise<Row[]> {
    try {
      const reader = await this.conn.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS().map((r) => {
        const out: Row = {};
        for (const [k, v] of Object.entries(r)) out[k] = plain(v);
        return out;
      });
    } catch (e) {
      throw new LakehouseError(`query failed: ${(e as Error).message}`, { where: this.location, cause: e });
    }
  }

  async exec(sql: string, params?: unknown[]): Promise<void> {
    try {
      await this.conn.run(sql, params as never);
    } catch (e) {
      throw new LakehouseError(`statement failed: ${(e as Error).message}`, {
        where: this.location,
        cause: e,
      });
    }
  }

  quote = quoteIdentifier;

  async close(): Promise<void> {
    try {
      this.conn.closeSync();
    } finally {
      this.lease.release();
    }
  }
}

class PostgresLakehouse implements LakehouseConnection {
  readonly engine = 'postgres' as const;
  constructor(
    readonly location: string,
    readonly rawSchema: string,
    readonly typedSchema: string,
    private readonly client: Client,
  ) {}

  async query(sql: string, params?: unknown[]): Promise<Row[]> {
    try {
      return (await this.client.query(sql, params)).rows as Row[];
    } catch (e) {
      throw new LakehouseError(`query failed: ${(e as Error).message}`, { where: this.location, cause: e });
    }
  }

  async exec(sql: string, params?: unknown[]): Promise<void> {
    await this.query(sql, params);
  }

  quote = quoteIdentifier;

  async close(): Promise<void> {
    await this.client.end();
  }
}

export interface OpenLakehouseOptions {
  /** Folder relative DuckDB paths resolve against (the learnflow.yml folder). */
  baseDir: string;
  logger?: Logger;
  /** Open the DuckDB file read-only (no lock against a running writer's readers). */
  readOnly?: boolean;
}

export async function openLakehouse(
  settings: LakehouseSettings = DEFAULT_LAKEHOUSE,
  options: OpenLakehouseOptions,
): Promise<LakehouseConnection> {
  const rawSchema = settings.raw_schema ?? 'airbyte_internal';
  const typedSchema = settings.typed_schema ?? 'raw';
  const location = describeLakehouse(settings, options.baseDir);
  if (settings.engine === 'postgres') {
    const client = new Client({
      connectionString: settings.url,
      application_name: 'learnflow',
      // BIGINT (int8) as a JS number when it fits, as DuckDB rows are: both engines give the same rows.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20 && format !== 'binary'
            ? (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : v)
            : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
      },
    });
    try {
      await client.connect();
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      throw new LakehouseError(`cannot connect to the lakehouse: ${(e as Error).message}`, {
        where: location,
        retryable: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P03'].includes(code),
        cause: e,
      });
    }
    client.on('error', (e) => options.logger?.warn(`lakehouse connection lost: ${e.message}`));
    return new PostgresLakehouse(location, rawSchema, typedSchema, client);
  }
  const file = duckdbPath(settings, options.baseDir);
  try {
    // Shared with anything else in this process that has the file open (an embedded destination);
    // leaseDuckdb creates the file's folder.
    const lease = await leaseDuckdb(file, { readOnly: options.readOnly });
    try {
      return new DuckdbLakehouse(location, rawSchema, typedSchema, lease, await lease.instance.connect());
    } catch (e) {
      lease.release();
      throw e;
    }
  } catch (e) {
    const msg = (e as Error).message;
    throw new LakehouseError(`cannot open the lakehouse: ${msg}`, {
      where: location,
      retryable: /lock/i.test(msg),
      hint: /lock/i.test(msg)
        ? 'another process (a running sync?) holds the DuckDB file; try again when it ends'
        : undefined,
      cause: e,
    });
  }
}
