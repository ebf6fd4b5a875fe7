/**
 * A batch's rows in a temporary DuckDB table before the commit copies them into the raw and typed tables.
 * The appender does little per row: the raw id, the extraction time as epoch milliseconds, the data text and
 * the meta text only when it is not the stream's empty meta (NULL stands for it); SQL expands the rest.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { RawRow } from './backend';
import { stringLiteral, type BatchSource } from './sql-dialect';

export const STAGE_COLUMNS =
  '_airbyte_raw_id UUID NOT NULL, _lf_extracted_ms DOUBLE NOT NULL, _airbyte_data VARCHAR NOT NULL, _lf_meta VARCHAR';

/** Append rows in order: the table's rowid is their arrival order. */
export function appendStageRows(appender: DuckDBAppender, rows: readonly RawRow[], emptyMeta: string): void {
  for (const r of rows) {
    appender.appendVarchar(randomUUID());
    appender.appendDouble(r.extractedAt);
    appender.appendVarchar(r.data);
    if (r.meta === emptyMeta) appender.appendNull();
    else appender.appendVarchar(r.meta);
    appender.endRow();
  }
}

/** The staged batch as the typed-column SQL reads it. */
export function stageSource(table: string, emptyMeta: string): BatchSource {
  return {
    from: table,
    data: '_airbyte_data',
    rawId: '_airbyte_raw_id',
    extractedAt: 'make_timestamptz(CAST(_lf_extracted_ms AS BIGINT) * 1000)',
    meta: `COALESCE(_lf_meta, ${stringLiteral(emptyMeta)})`,
    seq: '_lf_seq_src',
    emptyMeta,
  };
}
