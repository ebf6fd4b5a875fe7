import type { ConnectorLogger } from '../../cdk/logger';
import type { SqlDialect } from './sql-dialect';
import type { StreamPlan } from './stream-plan';
import { clearStaleStaging, createRawTable, createTypedTable, evolveTypedTable, targets } from './stream-sql';

/** The two statement runners a backend lends to the table preparation. */
export interface TableIo {
  rows(sql: string, params: string[]): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
}

/**
 * Create a stream's raw and typed tables (and its staging pair when the plan stages), add new typed columns
 * and widen columns whose type changed to text. The same on every engine: the dialect carries the difference.
 */
export async function prepareStreamTables(
  io: TableIo,
  d: SqlDialect,
  plan: StreamPlan,
  schemas: { raw: string; typed: string },
  logger: ConnectorLogger,
): Promise<void> {
  // One look at the catalog for every table of the stream: what exists is not created again, and its
  // columns drive the evolution (a pipeline prepares dozens of streams on every run).
  const names = {
    raw: [plan.tables.raw, ...(plan.staged ? [plan.tables.rawStaging] : [])],
    typed: [plan.tables.typed, ...(plan.staged ? [plan.tables.typedStaging] : [])],
  };
  const found = await io.rows(
    'SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns ' +
      'WHERE (table_schema = $1 AND table_name IN ($2, $3)) OR (table_schema = $4 AND table_name IN ($5, $6))',
    [
      schemas.raw,
      names.raw[0],
      names.raw[1] ?? names.raw[0],
      schemas.typed,
      names.typed[0],
      names.typed[1] ?? names.typed[0],
    ],
  );
  const columnsOf = (schema: string, name: string): Map<string, string> | undefined => {
    const rows = found.filter((r) => r.table_schema === schema && r.table_name === name);
    return rows.length ? new Map(rows.map((r) => [String(r.column_name), String(r.data_type)])) : undefined;
  };
  const ensureRaw = async (name: string, table: string): Promise<void> => {
    if (!columnsOf(schemas.raw, name)) await io.exec(createRawTable(d, table));
  };
  const ensureTyped = async (name: string, table: string): Promise<void> => {
    const existing = columnsOf(schemas.typed, name);
    if (!existing) {
      await io.exec(createTypedTable(d, table, plan));
      return;
    }
    const { statements, widened } = evolveTypedTable(d, table, plan, existing);
    for (const s of statements) await io.exec(s);
    if (widened.length)
      logger.warn(
        `${table}: the type of ${widened.join(', ')} changed in the stream schema; widened to text`,
      );
  };
  await ensureRaw(plan.tables.raw, d.table(schemas.raw, plan.tables.raw));
  await ensureTyped(plan.tables.typed, d.table(schemas.typed, plan.tables.typed));
  if (plan.staged) {
    const t = targets(d, plan, schemas.raw, schemas.typed);
    await ensureRaw(plan.tables.rawStaging, t.raw);
    await ensureTyped(plan.tables.typedStaging, t.typed);
    await io.exec(clearStaleStaging(t.raw, plan));
    await io.exec(clearStaleStaging(t.typed, plan));
  }
}
