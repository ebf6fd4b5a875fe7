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
  const evolve = async (name: string, table: string): Promise<void> => {
    const rows = await io.rows(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [schemas.typed, name],
    );
    const existing = new Map(rows.map((r) => [String(r.column_name), String(r.data_type)]));
    const { statements, widened } = evolveTypedTable(d, table, plan, existing);
    for (const s of statements) await io.exec(s);
    if (widened.length)
      logger.warn(
        `${table}: the type of ${widened.join(', ')} changed in the stream schema; widened to text`,
      );
  };
  const finalRaw = d.table(schemas.raw, plan.tables.raw);
  const finalTyped = d.table(schemas.typed, plan.tables.typed);
  await io.exec(createRawTable(d, finalRaw));
  await io.exec(createTypedTable(d, finalTyped, plan));
  await evolve(plan.tables.typed, finalTyped);
  if (plan.staged) {
    const t = targets(d, plan, schemas.raw, schemas.typed);
    await io.exec(createRawTable(d, t.raw));
    await io.exec(createTypedTable(d, t.typed, plan));
    await evolve(plan.tables.typedStaging, t.typed);
    await io.exec(clearStaleStaging(t.raw, plan));
    await io.exec(clearStaleStaging(t.typed, plan));
  }
}
