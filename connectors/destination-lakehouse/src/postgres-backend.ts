/**
 * The PostgreSQL backend. Each stream's batch is streamed with COPY (pg-copy-streams) straight into the
 * raw table and, typed on the client, into the typed table (or a temporary table a merge reads), all in
 * one transaction.
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ConfigurationError, SystemError, TransientError } from '../../cdk/errors';
import type { ConnectorLogger } from '../../cdk/logger';
import type { CommitOptions, CommitUnit, LakehouseBackend, RawRow, StreamBatch } from './backend';
import { CopyChunks } from './copy-chunks';
import { FINALIZED_TABLE, STATE_TABLE } from './backend';
import { quoteDouble, stringLiteral, type SqlDialect } from './sql-dialect';
import type { ColumnKind } from './typed-columns';
import type { StreamPlan } from './stream-plan';
import { prepareStreamTables } from './prepare-stream-tables';
import {
  TYPED_BATCH_TABLE,
  deleteOlderGenerations,
  emptyTypedBatchStatements,
  mergeTypedBatch,
  stateTableDdl,
  swapStatements,
  targets,
  typedColumnNames,
} from './stream-sql';
import { typedCopyFields } from './typed-copy-values';
import { commitError, isDiskFull } from './commit-error';

const RAW_COLUMNS = [
  '_airbyte_raw_id',
  '_airbyte_extracted_at',
  '_airbyte_loaded_at',
  '_airbyte_data',
  '_airbyte_meta',
  '_airbyte_generation_id',
];

const TYPES: Record<ColumnKind, string> = {
  string: 'TEXT',
  integer: 'BIGINT',
  number: 'DOUBLE PRECISION',
  boolean: 'BOOLEAN',
  json: 'JSONB',
};

export const postgresDialect: SqlDialect = {
  quote: quoteDouble,
  table: (schema, table) => `${quoteDouble(schema)}.${quoteDouble(table)}`,
  columnType: (kind) => TYPES[kind],
  jsonType: 'JSON',
  jsonPathText: (expr, p) =>
    `(${expr} #>> ${stringLiteral(`{${p.map((k) => `"${k.replace(/"/g, '\\"')}"`).join(',')}}`)})`,
  alterToText: (table, column) =>
    `ALTER TABLE ${table} ALTER COLUMN ${quoteDouble(column)} TYPE TEXT USING ${quoteDouble(column)}::text`,
  nullSafeKey: (exprs) => `(jsonb_build_array(${exprs.join(', ')})::text)`,
};

let lastSecond = NaN;
let lastPrefix = '';
let lastMs = NaN;
let lastIso = '';
/**
 * ISO text of an epoch-ms time. Sources stamp many records with the same millisecond, or a few apart:
 * the text up to the seconds is reused, so toISOString runs once per second of timestamps.
 */
function isoTime(ms: number): string {
  if (ms === lastMs) return lastIso;
  lastMs = ms;
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond || !Number.isInteger(ms)) {
    lastSecond = Number.isInteger(ms) ? second : NaN;
    lastIso = new Date(ms).toISOString();
    lastPrefix = lastIso.slice(0, -4);
    return lastIso;
  }
  const frac = ms - second * 1000;
  lastIso = lastPrefix + (frac < 10 ? '00' : frac < 100 ? '0' : '') + frac + 'Z';
  return lastIso;
}

/** A raw-table COPY line. JSON text never holds raw tabs or newlines: only backslashes need doubling. */
function rawCopyLine(r: RawRow, rawId: string, loadedAt: string, gen: string): string {
  let data = r.data;
  if (data.includes('\\')) {
    // PostgreSQL's jsonb cannot hold \u0000; the character is dropped.
    if (data.includes('\\u0000')) data = data.split('\\u0000').join('');
    data = data.replace(/\\/g, '\\\\');
  }
  const meta = r.meta.includes('\\') ? r.meta.replace(/\\/g, '\\\\') : r.meta;
  return `${rawId}\t${isoTime(r.extractedAt)}\t${loadedAt}\t${data}\t${meta}\t${gen}\n`;
}

/** A typed-table COPY line: typed values, then the metadata columns (and the arrival order for merges). */
function typedCopyLine(plan: StreamPlan, r: RawRow, rawId: string, gen: string, seq?: number): string {
  const meta = r.meta.includes('\\') ? r.meta.replace(/\\/g, '\\\\') : r.meta;
  const head = `${r.typed ?? typedCopyFields(plan.columns, {})}${rawId}\t${isoTime(r.extractedAt)}\t${meta}\t${gen}`;
  return seq === undefined ? `${head}\n` : `${head}\t${seq}\n`;
}

function classify(e: unknown, where: string, what: string): Error {
  const err = e as { code?: string; message?: string };
  const msg = `${what}: ${err?.message ?? String(e)}`;
  const code = err?.code ?? '';
  if (code === '53100' || code === '53200' || code === '53000')
    return new SystemError(`${msg} (the database is out of disk or memory)`, { where, cause: e });
  if (code === '28P01' || code === '28000' || code === '3D000')
    return new ConfigurationError(msg, { where, cause: e });
  if (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code) ||
    /Connection terminated|connection.*closed|not queryable/i.test(err?.message ?? '')
  )
    return new TransientError(msg, { where, cause: e });
  return new SystemError(msg, { where, cause: e });
}

const DIALECT = postgresDialect;

/** A stream's rows for the next commit, as raw and typed COPY text. */
interface PgStage {
  plan: StreamPlan;
  raw: CopyChunks;
  typed: CopyChunks;
  rows: number;
}

export class PostgresBackend implements LakehouseBackend {
  readonly engine = 'postgres' as const;

  typeOnClient(plan: StreamPlan, data: Record<string, unknown>): string {
    return typedCopyFields(plan.columns, data);
  }
  readonly location: string;
  private client?: Client;
  /** A second session: one commit streams its COPY data on it while the other session commits. */
  private spare?: Client;
  private broken?: Error;
  /** The last commit started, settled or not (close waits for it). */
  private lastCommit: Promise<void> = Promise.resolve();
  private lastFinalizes = false;
  /** COPY text of the rows staged for the next commit, per stream. */
  private staging = new Map<string, PgStage>();

  constructor(
    private readonly url: string,
    private readonly rawSchema: string,
    private readonly typedSchema: string,
    private readonly connectionId: string,
    private readonly logger: ConnectorLogger,
  ) {
    let loc: string;
    try {
      const u = new URL(url);
      if (u.password) logger.addSecret(decodeURIComponent(u.password));
      loc = `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch (_e) {
      loc = 'postgres (unparseable URL)';
    }
    this.location = loc;
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.url, application_name: 'destination-lakehouse' });
    client.on('error', (e) => {
      this.broken = e;
    });
    try {
      await client.connect();
    } catch (e) {
      throw classify(e, this.location, 'cannot connect to the PostgreSQL lakehouse');
    }
    return client;
  }

  async open(): Promise<void> {
    this.client = await this.connect();
    this.spare = await this.connect();
    const d = postgresDialect;
    for (const c of [this.client, this.spare]) await c.query(`SET client_min_messages = warning`);
    // Concurrent `CREATE ... IF NOT EXISTS` of the same schema or table can fail in PostgreSQL (a unique
    // violation in its catalog): destinations starting side by side take turns here.
    await this.exec('BEGIN');
    try {
      await this.exec(`SELECT pg_advisory_xact_lock(hashtext('learnflow destination-lakehouse setup'))`);
      await this.exec(`CREATE SCHEMA IF NOT EXISTS ${d.quote(this.rawSchema)}`);
      await this.exec(`CREATE SCHEMA IF NOT EXISTS ${d.quote(this.typedSchema)}`);
      for (const s of stateTableDdl(d, this.rawSchema)) await this.exec(s);
      await this.exec('COMMIT');
    } catch (e) {
      await this.c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  private get c(): Client {
    if (!this.client) throw new SystemError('the PostgreSQL lakehouse is not open', { where: this.location });
    return this.client;
  }

  private async rows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    try {
      return (await this.c.query(sql, params)).rows as Record<string, unknown>[];
    } catch (e) {
      throw classify(e, this.location, 'statement failed');
    }
  }

  private async exec(sql: string, params?: unknown[]): Promise<void> {
    this.logger.debug(`postgres: ${sql.length > 300 ? sql.slice(0, 300) + '…' : sql}`);
    try {
      await this.c.query(sql, params);
    } catch (e) {
      throw classify(e, this.location, 'statement failed');
    }
  }

  async prepareStream(plan: StreamPlan): Promise<void> {
    const io = {
      rows: (sql: string, params: string[]) => this.rows(sql, params),
      exec: (sql: string) => this.exec(sql),
    };
    await prepareStreamTables(
      io,
      DIALECT,
      plan,
      { raw: this.rawSchema, typed: this.typedSchema },
      this.logger,
    );
  }

  private async copy(c: Client, table: string, columns: string[], chunks: Buffer[]): Promise<void> {
    const stream = c.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  }

  /** Encode covered rows into the next commit's COPY text now, so they need not wait as JS strings. */
  async stage(batches: StreamBatch[]): Promise<void> {
    this.encode(this.staging, batches);
  }

  private encode(staging: Map<string, PgStage>, batches: StreamBatch[]): void {
    for (const batch of batches) {
      if (batch.rows.length === 0) continue;
      const plan = batch.plan;
      let s = staging.get(plan.key);
      if (!s) {
        s = { plan, raw: new CopyChunks(), typed: new CopyChunks(), rows: 0 };
        staging.set(plan.key, s);
      }
      const loadedAt = new Date().toISOString();
      const gen = plan.generationId === null ? '\\N' : String(plan.generationId);
      const dedup = plan.mode === 'append_dedup';
      for (const r of batch.rows) {
        const id = randomUUID();
        s.rows++;
        s.raw.push(rawCopyLine(r, id, loadedAt, gen));
        // append_dedup: the arrival order within the commit (_lf_seq) ranks ties.
        s.typed.push(typedCopyLine(plan, r, id, gen, dedup ? s.rows : undefined));
      }
      batch.rows = [];
    }
  }

  async commit(unit: CommitUnit, options: CommitOptions = {}): Promise<void> {
    const c = this.c;
    const staging = this.staging;
    this.staging = new Map();
    this.encode(staging, unit.batches);
    // Commits alternate between the two sessions, so the next batch is copied while this one commits.
    this.client = this.spare;
    this.spare = c;
    // A finalization drops or rewrites tables this commit's COPY may target: wait for it to commit first.
    const p = this.lastFinalizes
      ? (options.after ?? Promise.resolve()).then(() => this.commitOn(c, staging, unit, options))
      : this.commitOn(c, staging, unit, options);
    this.lastFinalizes = unit.finalize.length > 0;
    this.lastCommit = p.catch(() => undefined);
    return p;
  }

  private async commitOn(
    c: Client,
    staging: Map<string, PgStage>,
    unit: CommitUnit,
    options: CommitOptions,
  ): Promise<void> {
    if (this.broken) throw commitError(this.broken, this.location, { transient: true });
    const d = postgresDialect;
    let where = this.location;
    try {
      await c.query('BEGIN');
      // The rows are appended while the previous commit may still run: appends cannot conflict with it.
      const merges: StreamPlan[] = [];
      for (const { plan, raw, typed } of staging.values()) {
        const t = targets(d, plan, this.rawSchema, this.typedSchema);
        where = `${this.location}: ${t.raw}`;
        await this.copy(c, t.raw, RAW_COLUMNS, raw.take());
        const typedCols = typedColumnNames(d, plan);
        if (plan.mode === 'append_dedup') {
          for (const s of emptyTypedBatchStatements(d, t.typed, plan)) await c.query(s);
          await this.copy(c, TYPED_BATCH_TABLE, [...typedCols, '_lf_seq'], typed.take());
          merges.push(plan);
        } else {
          await this.copy(c, t.typed, typedCols, typed.take());
        }
      }
      // Merges, states and swaps read or replace what the previous commit wrote: only after it committed.
      where = `${this.location}: waiting for the previous commit`;
      await options.after;
      for (const plan of merges) {
        where = `${this.location}: merging ${plan.key}`;
        for (const s of mergeTypedBatch(d, targets(d, plan, this.rawSchema, this.typedSchema).typed, plan))
          await c.query(s);
      }
      where = `${this.location}: state store`;
      const stateTable = d.table(this.rawSchema, STATE_TABLE);
      for (const s of unit.states) {
        await c.query(
          `INSERT INTO ${stateTable} VALUES ($1, $2, $3, CURRENT_TIMESTAMP) ` +
            `ON CONFLICT (connection_id, stream_key) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
          [this.connectionId, s.streamKey, JSON.stringify(s.state)],
        );
      }
      for (const plan of unit.finalize) {
        where = `${this.location}: finalizing ${plan.key}`;
        if (plan.staged)
          for (const s of swapStatements(d, plan, this.rawSchema, this.typedSchema)) await c.query(s);
        else if (plan.deleteOlderGenerations)
          for (const s of deleteOlderGenerations(d, plan, this.rawSchema, this.typedSchema)) await c.query(s);
        await c.query(
          `INSERT INTO ${d.table(this.rawSchema, FINALIZED_TABLE)} VALUES ($1, $2, $3, CURRENT_TIMESTAMP)`,
          [this.connectionId, plan.key, plan.generationId],
        );
      }
      options.beforeCommit?.();
      where = this.location;
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      // A session lost while idle fails the next query with pg's "not queryable": report why it was lost.
      if (this.broken && !isDiskFull(e)) throw commitError(this.broken, this.location, { transient: true });
      const err = classify(e, where, 'commit failed, nothing of this batch was committed');
      const transient = err instanceof TransientError;
      throw transient || isDiskFull(e) ? commitError(e, where, { transient }) : err;
    }
  }

  async close(): Promise<void> {
    await this.lastCommit;
    const clients = [this.client, this.spare];
    this.client = undefined;
    this.spare = undefined;
    for (const c of clients) if (c) await c.end().catch(() => undefined);
  }
}
