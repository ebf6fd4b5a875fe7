/**
 * The SQL a commit runs for one stream, built for either engine through its SqlDialect.
 */
import type { BatchSource, SqlDialect, TypedSelect } from './sql-dialect';
import type { StreamPlan } from './stream-plan';
import { FINALIZED_TABLE, STATE_TABLE } from './backend';

export const TYPED_BATCH_TABLE = '_lf_typed_batch';
const CANDIDATES_TABLE = '_lf_candidates';

export interface StreamTargets {
  raw: string;
  typed: string;
}

/** The tables records go to right now: the final tables, or staging for a truncate refresh. */
export function targets(
  d: SqlDialect,
  plan: StreamPlan,
  rawSchema: string,
  typedSchema: string,
): StreamTargets {
  return plan.staged
    ? {
        raw: d.table(rawSchema, plan.tables.rawStaging),
        typed: d.table(typedSchema, plan.tables.typedStaging),
      }
    : { raw: d.table(rawSchema, plan.tables.raw), typed: d.table(typedSchema, plan.tables.typed) };
}

export function createRawTable(d: SqlDialect, table: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${table} (` +
    `_airbyte_raw_id UUID NOT NULL, _airbyte_extracted_at TIMESTAMPTZ NOT NULL, ` +
    `_airbyte_loaded_at TIMESTAMPTZ, _airbyte_data ${d.jsonType} NOT NULL, ` +
    `_airbyte_meta ${d.jsonType} NOT NULL, _airbyte_generation_id BIGINT)`
  );
}

export function createTypedTable(d: SqlDialect, table: string, plan: StreamPlan): string {
  const cols = plan.columns.map((c) => `${d.quote(c.name)} ${d.columnType(c.kind)}`);
  cols.push(
    '_airbyte_raw_id UUID NOT NULL',
    '_airbyte_extracted_at TIMESTAMPTZ NOT NULL',
    `_airbyte_meta ${d.jsonType} NOT NULL`,
    '_airbyte_generation_id BIGINT',
  );
  return `CREATE TABLE IF NOT EXISTS ${table} (${cols.join(', ')})`;
}

/**
 * Bring an existing typed table up to the stream's schema: add new columns; a column whose type changed is
 * widened to text (every value converts), so later rows of either type still load.
 */
export function evolveTypedTable(
  d: SqlDialect,
  table: string,
  plan: StreamPlan,
  existing: Map<string, string>,
): { statements: string[]; widened: string[] } {
  const statements: string[] = [];
  const widened: string[] = [];
  const text = d.columnType('string').toLowerCase();
  for (const c of plan.columns) {
    const have = existing.get(c.name)?.toLowerCase();
    if (have === undefined)
      statements.push(`ALTER TABLE ${table} ADD COLUMN ${d.quote(c.name)} ${d.columnType(c.kind)}`);
    else if (have !== d.columnType(c.kind).toLowerCase() && have !== text) {
      statements.push(d.alterToText(table, c.name));
      widened.push(c.name);
    }
  }
  return { statements, widened };
}

function generationLiteral(plan: StreamPlan): string {
  return plan.generationId === null ? 'CAST(NULL AS BIGINT)' : String(plan.generationId);
}

/** Staging rows left by an attempt of another generation are not this refresh's data. */
export function clearStaleStaging(table: string, plan: StreamPlan): string {
  return plan.generationId === null
    ? `DELETE FROM ${table}`
    : `DELETE FROM ${table} WHERE _airbyte_generation_id IS NULL OR _airbyte_generation_id <> ${plan.generationId}`;
}

function typedColumnList(d: SqlDialect, plan: StreamPlan): string[] {
  return [
    ...plan.columns.map((c) => d.quote(c.name)),
    '_airbyte_raw_id',
    '_airbyte_extracted_at',
    '_airbyte_meta',
    '_airbyte_generation_id',
  ];
}

function typedSelectFromBatch(
  d: SqlDialect,
  plan: StreamPlan,
  src: BatchSource,
  typed: TypedSelect,
  withSeq: boolean,
): string {
  const { from, items } = typed;
  const all = [
    ...items.map((e, i) => `${e} AS ${d.quote(plan.columns[i].name)}`),
    `${src.rawId} AS _airbyte_raw_id`,
    `${src.extractedAt} AS _airbyte_extracted_at`,
    `${src.meta} AS _airbyte_meta`,
    `${generationLiteral(plan)} AS _airbyte_generation_id`,
  ];
  if (withSeq) all.push(`${src.seq} AS _lf_seq`);
  return `SELECT ${all.join(', ')} FROM ${from}`;
}

export function insertTypedAppend(
  d: SqlDialect,
  table: string,
  plan: StreamPlan,
  src: BatchSource,
  typed: TypedSelect,
): string {
  return `INSERT INTO ${table} (${typedColumnList(d, plan).join(', ')}) ${typedSelectFromBatch(d, plan, src, typed, false)}`;
}

function pathExpr(d: SqlDialect, plan: StreamPlan, path: string[], alias: string): string {
  const col = plan.columns.find((c) => c.property === path[0]);
  const base = col ? `${alias}.${d.quote(col.name)}` : 'NULL';
  return path.length > 1 && col ? d.jsonPathText(base, path.slice(1)) : base;
}

/** Materialize a batch's typed rows (with their arrival order `_lf_seq`) for a merge. */
export function typedBatchStatements(
  d: SqlDialect,
  plan: StreamPlan,
  src: BatchSource,
  typed: TypedSelect,
): string[] {
  return [
    `DROP TABLE IF EXISTS ${TYPED_BATCH_TABLE}`,
    `CREATE TEMP TABLE ${TYPED_BATCH_TABLE} AS ${typedSelectFromBatch(d, plan, src, typed, true)}`,
  ];
}

/** An empty typed batch table shaped like `typedTable`, to COPY into. */
export function emptyTypedBatchStatements(d: SqlDialect, typedTable: string, plan: StreamPlan): string[] {
  const cols = typedColumnList(d, plan).join(', ');
  return [
    `DROP TABLE IF EXISTS ${TYPED_BATCH_TABLE}`,
    `CREATE TEMP TABLE ${TYPED_BATCH_TABLE} AS SELECT ${cols}, CAST(0 AS BIGINT) AS _lf_seq FROM ${typedTable} WHERE 1 = 0`,
  ];
}

/** The typed table's columns, in COPY order. */
export function typedColumnNames(d: SqlDialect, plan: StreamPlan): string[] {
  return typedColumnList(d, plan);
}

/**
 * append_dedup: the batch (in TYPED_BATCH_TABLE) and the rows already stored under the same primary keys
 * compete; the latest by cursor (NULLs last), then extraction time, then arrival order wins. Keys compare
 * NULL-safely.
 */
export function mergeTypedBatch(d: SqlDialect, table: string, plan: StreamPlan): string[] {
  const key = (alias: string) => d.nullSafeKey(plan.primaryKey.map((p) => pathExpr(d, plan, p, alias)));
  const cols = typedColumnList(d, plan);
  const order = [
    ...(plan.cursor.length ? [`${pathExpr(d, plan, plan.cursor, 'c')} DESC NULLS LAST`] : []),
    'c._airbyte_extracted_at DESC',
    'c._lf_seq DESC',
  ].join(', ');
  return [
    `DROP TABLE IF EXISTS ${CANDIDATES_TABLE}`,
    `CREATE TEMP TABLE ${CANDIDATES_TABLE} AS ` +
      `SELECT ${cols.map((c) => `t.${c}`).join(', ')}, CAST(0 AS BIGINT) AS _lf_seq FROM ${table} t ` +
      `WHERE ${key('t')} IN (SELECT ${key('b')} FROM ${TYPED_BATCH_TABLE} b) ` +
      `UNION ALL SELECT ${cols.join(', ')}, _lf_seq FROM ${TYPED_BATCH_TABLE}`,
    `DELETE FROM ${table} WHERE ${key(table)} IN (SELECT ${key('b')} FROM ${TYPED_BATCH_TABLE} b)`,
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM (` +
      `SELECT c.*, row_number() OVER (PARTITION BY ${key('c')} ORDER BY ${order}) AS _lf_rn ` +
      `FROM ${CANDIDATES_TABLE} c) ranked WHERE _lf_rn = 1`,
    `DROP TABLE ${CANDIDATES_TABLE}`,
    `DROP TABLE ${TYPED_BATCH_TABLE}`,
  ];
}

/** Swap a completed truncate refresh in: the final tables now hold exactly the staged generation. */
export function swapStatements(
  d: SqlDialect,
  plan: StreamPlan,
  rawSchema: string,
  typedSchema: string,
): string[] {
  const rawCols = [
    '_airbyte_raw_id',
    '_airbyte_extracted_at',
    '_airbyte_loaded_at',
    '_airbyte_data',
    '_airbyte_meta',
    '_airbyte_generation_id',
  ].join(', ');
  const typedCols = typedColumnList(d, plan).join(', ');
  const out: string[] = [];
  for (const [schema, final, staging, cols] of [
    [rawSchema, plan.tables.raw, plan.tables.rawStaging, rawCols],
    [typedSchema, plan.tables.typed, plan.tables.typedStaging, typedCols],
  ]) {
    const f = d.table(schema, final);
    const s = d.table(schema, staging);
    out.push(`DELETE FROM ${f}`, `INSERT INTO ${f} (${cols}) SELECT ${cols} FROM ${s}`, `DROP TABLE ${s}`);
  }
  return out;
}

export function deleteOlderGenerations(
  d: SqlDialect,
  plan: StreamPlan,
  rawSchema: string,
  typedSchema: string,
) {
  const min = plan.minimumGenerationId ?? 0;
  return [d.table(rawSchema, plan.tables.raw), d.table(typedSchema, plan.tables.typed)].map(
    (t) => `DELETE FROM ${t} WHERE _airbyte_generation_id IS NULL OR _airbyte_generation_id < ${min}`,
  );
}

export function stateTableDdl(d: SqlDialect, rawSchema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${d.table(rawSchema, STATE_TABLE)} (connection_id VARCHAR NOT NULL, ` +
      `stream_key VARCHAR NOT NULL, state ${d.jsonType} NOT NULL, updated_at TIMESTAMPTZ NOT NULL, ` +
      `PRIMARY KEY (connection_id, stream_key))`,
    `CREATE TABLE IF NOT EXISTS ${d.table(rawSchema, FINALIZED_TABLE)} (connection_id VARCHAR NOT NULL, ` +
      `stream_key VARCHAR NOT NULL, generation_id BIGINT, finalized_at TIMESTAMPTZ NOT NULL)`,
  ];
}
