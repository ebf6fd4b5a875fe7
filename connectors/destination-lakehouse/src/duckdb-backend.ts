/**
 * The DuckDB backend: an embedded database file. Each batch is appended to an in-memory temporary table with
 * DuckDB's appender (cheap: no compression, no WAL), then copied into the raw and typed tables by SQL in one
 * transaction, so compressing and writing the data runs on DuckDB's threads while the JS thread parses the
 * next batch.
 */
import os from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import { leaseDuckdb, type DuckdbLease } from './shared-duckdb';
import { commitError } from './commit-error';
import { DUCKDB_SESSION_SETTINGS } from './duckdb-settings';
import type { DuckDBAppender } from '@duckdb/node-api';
import { STAGE_COLUMNS, appendStageRows, stageSource } from './duckdb-stage';
import { ConfigurationError, SystemError, TransientError } from '../../cdk/errors';
import type { ConnectorLogger } from '../../cdk/logger';
import type { CommitOptions, CommitUnit, LakehouseBackend, StreamBatch } from './backend';
import {
  quoteDouble,
  stringLiteral,
  type BatchSource,
  type SqlDialect,
  type TypedSelect,
} from './sql-dialect';
import type { ColumnKind, TypedColumn } from './typed-columns';
import { emptyMeta, type StreamPlan } from './stream-plan';
import { prepareStreamTables } from './prepare-stream-tables';
import { STATE_TABLE, FINALIZED_TABLE } from './backend';
import {
  mergeTypedBatch,
  typedBatchStatements,
  deleteOlderGenerations,
  insertTypedAppend,
  stateTableDdl,
  swapStatements,
  targets,
} from './stream-sql';

const TYPES: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  json: 'JSON',
};

function jsonPath(key: string): string {
  return `$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const TRANSFORM_TYPES: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  json: 'JSON',
};

/** Exact typing of one value: NULL unless its JSON type matches the column (the path for rejected rows). */
function strictValue(kind: ColumnKind, data: string, property: string): string {
  const v = `json_extract(${data}, ${stringLiteral(jsonPath(property))})`;
  switch (kind) {
    case 'string':
      return `CASE WHEN json_type(${v}) = 'VARCHAR' THEN json_extract_string(${v}, '$') END`;
    case 'integer':
      return `CASE WHEN json_type(${v}) IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(${v} AS BIGINT) END`;
    case 'number':
      return `CASE WHEN json_type(${v}) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(${v} AS DOUBLE) END`;
    case 'boolean':
      return `CASE WHEN json_type(${v}) = 'BOOLEAN' THEN TRY_CAST(${v} AS BOOLEAN) END`;
    default:
      return `CASE WHEN json_type(${v}) <> 'NULL' THEN ${v} END`;
  }
}

export const duckdbDialect: SqlDialect = {
  quote: quoteDouble,
  table: (schema, table) => `${quoteDouble(schema)}.${quoteDouble(table)}`,
  columnType: (kind) => TYPES[kind],
  jsonType: 'JSON',
  jsonPathText: (expr, p) =>
    `json_extract_string(${expr}, ${stringLiteral('$' + p.map((k) => `."${k}"`).join(''))})`,
  alterToText: (table, column) =>
    `ALTER TABLE ${table} ALTER COLUMN ${quoteDouble(column)} SET DATA TYPE VARCHAR`,
  nullSafeKey: (exprs) => `CAST(json_array(${exprs.join(', ')}) AS VARCHAR)`,
};

/**
 * Typed columns from raw rows. Rows whose values all match the schema (ajv said so) are typed in one parse
 * by json_transform; rows with changes take the strict path, so a mistyped value becomes NULL as their
 * meta records.
 */
export function duckdbTypedSelect(columns: TypedColumn[], src: BatchSource): TypedSelect {
  const where = src.where ? ` WHERE ${src.where}` : '';
  const lower = new Set(columns.map((c) => c.property.toLowerCase()));
  const fast = columns.length > 0 && src.emptyMeta !== undefined && lower.size === columns.length;
  if (!fast) {
    return {
      from: `(SELECT *, rowid AS _lf_seq_src FROM ${src.from}${where}) _lf_b`,
      items: columns.map((c) => strictValue(c.kind, src.data, c.property)),
    };
  }
  const structure: Record<string, string> = {};
  for (const c of columns) structure[c.property] = TRANSFORM_TYPES[c.kind];
  const from =
    `(SELECT *, rowid AS _lf_seq_src, json_transform(${src.data}, ${stringLiteral(JSON.stringify(structure))}) AS _lf_s, ` +
    `CAST(${src.meta} AS VARCHAR) <> ${stringLiteral(src.emptyMeta ?? '')} AS _lf_changed FROM ${src.from}${where}) _lf_b`;
  const items = columns.map(
    (c) =>
      `CASE WHEN _lf_changed THEN ${strictValue(c.kind, src.data, c.property)} ELSE _lf_s.${quoteDouble(c.property)} END`,
  );
  return { from, items };
}

const DIALECT = duckdbDialect;

/** DuckDB's worker threads: every core but the one the JS thread keeps busy. */
const DUCKDB_THREADS = Math.max(1, os.availableParallelism() - 1);

/** A temporary table holding a stream's rows for the next commit, and the appender filling it. */
interface Stage {
  plan: StreamPlan;
  table: string;
  appender: DuckDBAppender;
}

export class DuckdbBackend implements LakehouseBackend {
  readonly engine = 'duckdb' as const;
  private lease?: DuckdbLease;
  private conn?: DuckDBConnection;
  /** A second connection: one commit stages its rows on it while the other connection commits. */
  private spare?: DuckDBConnection;
  /** The last commit started, settled or not (close waits for it). */
  private lastCommit: Promise<void> = Promise.resolve();
  /** Per connection: its last commit, settled or not (staging on it waits for it). */
  private readonly idle = new Map<DuckDBConnection, Promise<void>>();
  /** The rows staged for the next commit (on `conn`), per stream. */
  private staging = new Map<string, Stage>();

  constructor(
    private readonly file: string,
    private readonly rawSchema: string,
    private readonly typedSchema: string,
    private readonly connectionId: string,
    private readonly logger: ConnectorLogger,
    private readonly memoryLimit?: string,
  ) {}

  get location(): string {
    return this.file;
  }

  async open(): Promise<void> {
    try {
      // Shared with whatever else in this process has the file open (an embedded destination in a pipeline);
      // leaseDuckdb creates the file's folder.
      this.lease = await leaseDuckdb(this.file);
      this.conn = await this.lease.instance.connect();
      this.spare = await this.lease.instance.connect();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const locked = /lock/i.test(msg);
      const Err = locked ? TransientError : SystemError;
      throw new Err(`cannot open the DuckDB lakehouse: ${msg}`, { where: this.file, cause: e });
    }
    await this.exclusive(() => this.setUp());
  }

  private async setUp(): Promise<void> {
    const d = duckdbDialect;
    // The bulk-loading settings are the instance's: only for an instance of the destination's own, not one
    // it shares with the rest of a pipeline (whose transform must keep DuckDB's defaults; backend.memory_limit
    // does not apply there either). The JS thread parses the next batch on one core while DuckDB commits the
    // last one: give DuckDB the other cores only. On two cores this halves the CPU DuckDB spends
    // coordinating its own threads.
    if (this.lease?.created) {
      await this.exec(`SET threads = ${DUCKDB_THREADS}`);
      for (const setting of DUCKDB_SESSION_SETTINGS) await this.exec(setting);
    }
    if (this.memoryLimit && this.lease?.created) {
      try {
        await this.exec(`SET memory_limit = ${stringLiteral(this.memoryLimit)}`);
      } catch (e) {
        throw new ConfigurationError(`backend.memory_limit: ${e instanceof Error ? e.message : String(e)}`, {
          where: this.file,
          cause: e,
        });
      }
    }
    await this.exec(`CREATE SCHEMA IF NOT EXISTS ${d.quote(this.rawSchema)}`);
    await this.exec(`CREATE SCHEMA IF NOT EXISTS ${d.quote(this.typedSchema)}`);
    for (const s of stateTableDdl(d, this.rawSchema)) await this.exec(s);
  }

  private lastLoadedAt = 0n;

  /** A commit's _airbyte_loaded_at in microseconds, strictly increasing within the process. */
  private nextLoadedAt(): bigint {
    let t = BigInt(Date.now()) * 1000n;
    if (t <= this.lastLoadedAt) t = this.lastLoadedAt + 1n;
    this.lastLoadedAt = t;
    return t;
  }

  private get c(): DuckDBConnection {
    if (!this.conn) throw new SystemError('the DuckDB lakehouse is not open', { where: this.file });
    return this.conn;
  }

  private async rows(sql: string, params: (string | number | null)[]): Promise<Record<string, unknown>[]> {
    return (await this.c.runAndReadAll(sql, params)).getRowObjectsJS();
  }

  private async exec(sql: string, params?: (string | number | null)[], c = this.c): Promise<void> {
    const started = Date.now();
    await c.run(sql, params);
    this.logger.debug(
      `duckdb (${Date.now() - started} ms): ${sql.length > 200 ? sql.slice(0, 200) + '…' : sql}`,
    );
  }

  /** Writers sharing the instance take turns: one transaction at a time. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.lease ? this.lease.exclusive(fn) : fn();
  }

  /** One transaction (one WAL sync) for a stream's table preparation, not one per statement. */
  async prepareStream(plan: StreamPlan): Promise<void> {
    return this.exclusive(async () => {
      await this.exec('BEGIN TRANSACTION');
      try {
        await this.prepareStreamNow(plan);
        await this.exec('COMMIT');
      } catch (e) {
        await this.c.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  private async prepareStreamNow(plan: StreamPlan): Promise<void> {
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

  /** Append covered rows to the next commit's temporary tables now, so they need not wait in JS memory. */
  async stage(batches: StreamBatch[]): Promise<void> {
    const c = this.c;
    await this.idle.get(c);
    await this.stageOn(c, this.staging, batches);
  }

  private async stageOn(c: DuckDBConnection, staging: Map<string, Stage>, batches: StreamBatch[]) {
    for (const batch of batches) {
      if (batch.rows.length === 0) continue;
      let s = staging.get(batch.plan.key);
      if (!s) {
        const table = `_lf_stage_${staging.size}`;
        await this.exec(`CREATE OR REPLACE TEMP TABLE ${table} (${STAGE_COLUMNS})`, undefined, c);
        s = { plan: batch.plan, table, appender: await c.createAppender(table, null, 'temp') };
        staging.set(batch.plan.key, s);
      }
      appendStageRows(s.appender, batch.rows, emptyMeta(batch.plan));
      batch.rows = [];
    }
  }

  async commit(unit: CommitUnit, options: CommitOptions = {}): Promise<void> {
    const c = this.c;
    const staging = this.staging;
    // Commits alternate between the two connections, so the next batch is staged while this one commits.
    this.conn = this.spare;
    this.spare = c;
    this.staging = new Map();
    // Staging runs now; the transaction waits its turn among the writers of a shared instance, turns being
    // taken in the order commits are called (so a commit never waits for a later one).
    const staged = this.stageForCommit(c, this.idle.get(c), staging, unit);
    staged.catch(() => undefined);
    const p = this.exclusive(() => this.transactOn(c, staged, staging, unit, options));
    this.lastCommit = p.catch(() => undefined);
    this.idle.set(c, this.lastCommit);
    return p;
  }

  /** The commit's remaining rows into its temporary tables (this connection's own; appending is synchronous). */
  private async stageForCommit(
    c: DuckDBConnection,
    idle: Promise<void> | undefined,
    staging: Map<string, Stage>,
    unit: CommitUnit,
  ): Promise<void> {
    try {
      await idle;
      await this.stageOn(c, staging, unit.batches);
    } finally {
      for (const s of staging.values()) s.appender.closeSync();
    }
  }

  private async transactOn(
    c: DuckDBConnection,
    staged: Promise<void>,
    staging: Map<string, Stage>,
    unit: CommitUnit,
    options: CommitOptions,
  ): Promise<void> {
    const d = duckdbDialect;
    const exec = (sql: string, params?: (string | number | null)[]) => this.exec(sql, params, c);
    let where = this.file;
    const stages = () => [...staging.values()].map((s) => s.table);
    try {
      await staged;
      // A transaction begun before the previous commit ended would conflict with it on the state store.
      await options.after;
      await exec('BEGIN TRANSACTION');
    } catch (e) {
      await this.dropStages(c, stages());
      throw commitError(e, where);
    }
    try {
      for (const { plan, table: stage } of staging.values()) {
        const t = targets(d, plan, this.rawSchema, this.typedSchema);
        where = `${this.file}: ${t.raw}`;
        const src = stageSource(`temp.main.${stage}`, emptyMeta(plan));
        const gen = plan.generationId === null ? 'CAST(NULL AS BIGINT)' : String(plan.generationId);
        await exec(
          `INSERT INTO ${t.raw} SELECT ${src.rawId}, ${src.extractedAt}, make_timestamptz(${this.nextLoadedAt()}), ` +
            `${src.data}, ${src.meta}, ${gen} FROM ${src.from}`,
        );
        const typed = duckdbTypedSelect(plan.columns, src);
        if (plan.mode === 'append_dedup') {
          for (const s of [
            ...typedBatchStatements(d, plan, src, typed),
            ...mergeTypedBatch(d, t.typed, plan),
          ])
            await exec(s);
        } else {
          await exec(insertTypedAppend(d, t.typed, plan, src, typed));
        }
      }
      where = `${this.file}: state store`;
      const stateTable = d.table(this.rawSchema, STATE_TABLE);
      for (const s of unit.states) {
        await exec(`DELETE FROM ${stateTable} WHERE connection_id = $1 AND stream_key = $2`, [
          this.connectionId,
          s.streamKey,
        ]);
        await exec(`INSERT INTO ${stateTable} VALUES ($1, $2, $3, CURRENT_TIMESTAMP)`, [
          this.connectionId,
          s.streamKey,
          JSON.stringify(s.state),
        ]);
      }
      for (const plan of unit.finalize) {
        where = `${this.file}: finalizing ${plan.key}`;
        if (plan.staged)
          for (const s of swapStatements(d, plan, this.rawSchema, this.typedSchema)) await exec(s);
        else if (plan.deleteOlderGenerations)
          for (const s of deleteOlderGenerations(d, plan, this.rawSchema, this.typedSchema)) await exec(s);
        await exec(
          `INSERT INTO ${d.table(this.rawSchema, FINALIZED_TABLE)} VALUES ($1, $2, ${plan.generationId ?? 'NULL'}, CURRENT_TIMESTAMP)`,
          [this.connectionId, plan.key],
        );
      }
      options.beforeCommit?.();
      where = this.file;
      await exec('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK').catch(() => undefined);
      await this.dropStages(c, stages());
      throw commitError(e, where);
    }
    await this.dropStages(c, stages());
  }

  /** The staged rows are in the tables now (or the commit failed): free their memory. */
  private async dropStages(c: DuckDBConnection, stages: string[]): Promise<void> {
    for (const stage of stages) await c.run(`DROP TABLE IF EXISTS temp.main.${stage}`).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.lastCommit;
    for (const s of this.staging.values()) {
      try {
        s.appender.closeSync();
      } catch {
        // rows staged for a commit that never came: they go with the connection
      }
    }
    this.staging.clear();
    try {
      this.spare?.closeSync();
      this.conn?.closeSync();
    } finally {
      this.lease?.release();
      this.conn = undefined;
      this.spare = undefined;
      this.lease = undefined;
    }
  }
}
