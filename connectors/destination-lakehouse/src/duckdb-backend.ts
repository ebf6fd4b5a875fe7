/**
 * The DuckDB backend: an embedded database file. Records are appended to a temporary batch table with
 * DuckDB's appender, then copied into the raw and typed tables by SQL in one transaction.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { leaseDuckdb, type DuckdbLease } from './shared-duckdb';
import { SystemError, TransientError } from '../../cdk/errors';
import type { ConnectorLogger } from '../../cdk/logger';
import type { BeforeCommitHook, CommitUnit, LakehouseBackend } from './backend';
import {
  quoteDouble,
  stringLiteral,
  type BatchSource,
  type SqlDialect,
  type TypedSelect,
} from './sql-dialect';
import { DuckDBTimestampValue } from '@duckdb/node-api';
import type { ColumnKind, TypedColumn } from './typed-columns';
import { emptyMeta, type StreamPlan } from './stream-plan';
import { prepareStreamTables } from './prepare-stream-tables';
import { commitError } from './commit-error';
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

export class DuckdbBackend implements LakehouseBackend {
  readonly engine = 'duckdb' as const;
  private lease?: DuckdbLease;
  private conn?: DuckDBConnection;

  constructor(
    private readonly file: string,
    private readonly rawSchema: string,
    private readonly typedSchema: string,
    private readonly connectionId: string,
    private readonly logger: ConnectorLogger,
  ) {}

  get location(): string {
    return this.file;
  }

  async open(): Promise<void> {
    try {
      if (this.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
      // Shared with whatever else in this process has the file open (an embedded destination in a pipeline).
      this.lease = await leaseDuckdb(this.file);
      this.conn = await this.lease.instance.connect();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const locked = /lock/i.test(msg);
      const Err = locked ? TransientError : SystemError;
      throw new Err(`cannot open the DuckDB lakehouse: ${msg}`, { where: this.file, cause: e });
    }
    const d = duckdbDialect;
    // The JS thread parses the next batch on one core while DuckDB commits the last one: give DuckDB the
    // other cores only. On two cores this halves the CPU DuckDB spends coordinating its own threads.
    await this.exclusive(async () => {
      await this.exec(`SET threads = ${DUCKDB_THREADS}`);
      await this.exec(`CREATE SCHEMA IF NOT EXISTS ${d.quote(this.rawSchema)}`);
      await this.exec(`CREATE SCHEMA IF NOT EXISTS ${d.quote(this.typedSchema)}`);
      for (const s of stateTableDdl(d, this.rawSchema)) await this.exec(s);
    });
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

  private async exec(sql: string, params?: (string | number | null)[]): Promise<void> {
    const started = Date.now();
    await this.c.run(sql, params);
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

  async commit(unit: CommitUnit, beforeCommit?: BeforeCommitHook): Promise<void> {
    return this.exclusive(() => this.commitNow(unit, beforeCommit));
  }

  private async commitNow(unit: CommitUnit, beforeCommit?: BeforeCommitHook): Promise<void> {
    const d = duckdbDialect;
    await this.exec('BEGIN TRANSACTION');
    let where = this.file;
    try {
      for (const batch of unit.batches) {
        if (batch.rows.length === 0) continue;
        const plan = batch.plan;
        const t = targets(d, plan, this.rawSchema, this.typedSchema);
        where = `${this.file}: ${t.raw}`;
        // Rows go straight into the raw table; this commit's rows are the ones with its _airbyte_loaded_at.
        const loadedAt = this.nextLoadedAt();
        // appendTimestamp stores the same microseconds in a TIMESTAMPTZ column without appendTimestampTZ's
        // per-call value conversion.
        const loadedValue = new DuckDBTimestampValue(loadedAt);
        const gen = plan.generationId === null ? null : BigInt(plan.generationId);
        const [schemaName, tableName] = plan.staged
          ? [this.rawSchema, plan.tables.rawStaging]
          : [this.rawSchema, plan.tables.raw];
        const appender = await this.c.createAppender(tableName, schemaName);
        let lastMs = NaN;
        let extracted = loadedValue;
        for (const r of batch.rows) {
          // Sources stamp many records with the same millisecond: reuse the value.
          if (r.extractedAt !== lastMs) {
            lastMs = r.extractedAt;
            extracted = new DuckDBTimestampValue(BigInt(r.extractedAt) * 1000n);
          }
          appender.appendVarchar(randomUUID());
          appender.appendTimestamp(extracted);
          appender.appendTimestamp(loadedValue);
          appender.appendVarchar(r.data);
          appender.appendVarchar(r.meta);
          if (gen === null) appender.appendNull();
          else appender.appendBigInt(gen);
          appender.endRow();
        }
        appender.closeSync();
        const src: BatchSource = {
          from: t.raw,
          where: `_airbyte_loaded_at = make_timestamptz(${loadedAt})`,
          data: '_airbyte_data',
          rawId: '_airbyte_raw_id',
          extractedAt: '_airbyte_extracted_at',
          meta: '_airbyte_meta',
          seq: '_lf_seq_src',
          emptyMeta: emptyMeta(plan),
        };
        const typed = duckdbTypedSelect(plan.columns, src);
        if (plan.mode === 'append_dedup') {
          for (const s of [
            ...typedBatchStatements(d, plan, src, typed),
            ...mergeTypedBatch(d, t.typed, plan),
          ])
            await this.exec(s);
        } else {
          await this.exec(insertTypedAppend(d, t.typed, plan, src, typed));
        }
      }
      where = `${this.file}: state store`;
      const stateTable = d.table(this.rawSchema, STATE_TABLE);
      for (const s of unit.states) {
        await this.exec(`DELETE FROM ${stateTable} WHERE connection_id = $1 AND stream_key = $2`, [
          this.connectionId,
          s.streamKey,
        ]);
        await this.exec(`INSERT INTO ${stateTable} VALUES ($1, $2, $3, CURRENT_TIMESTAMP)`, [
          this.connectionId,
          s.streamKey,
          JSON.stringify(s.state),
        ]);
      }
      for (const plan of unit.finalize) {
        where = `${this.file}: finalizing ${plan.key}`;
        if (plan.staged)
          for (const s of swapStatements(d, plan, this.rawSchema, this.typedSchema)) await this.exec(s);
        else if (plan.deleteOlderGenerations)
          for (const s of deleteOlderGenerations(d, plan, this.rawSchema, this.typedSchema))
            await this.exec(s);
        await this.exec(
          `INSERT INTO ${d.table(this.rawSchema, FINALIZED_TABLE)} VALUES ($1, $2, ${plan.generationId ?? 'NULL'}, CURRENT_TIMESTAMP)`,
          [this.connectionId, plan.key],
        );
      }
      beforeCommit?.();
      where = this.file;
      await this.exec('COMMIT');
    } catch (e) {
      await this.c.run('ROLLBACK').catch(() => undefined);
      throw commitError(e, where);
    }
  }

  async close(): Promise<void> {
    try {
      this.conn?.closeSync();
    } finally {
      this.lease?.release();
      this.conn = undefined;
      this.lease = undefined;
    }
  }
}
