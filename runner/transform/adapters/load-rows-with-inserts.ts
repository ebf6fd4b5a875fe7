import type { Adapter } from './adapter';
import { sqlString } from './quote';

const BATCH = 1000;

/** Insert string values in multi-row `INSERT ... VALUES` batches; the engine casts each literal to the column type. */
export async function loadRowsWithInserts(
  tx: Pick<Adapter, 'execute'>,
  table: string,
  quotedColumns: string[],
  rows: (string | null)[][],
): Promise<number> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const values = rows
      .slice(start, start + BATCH)
      .map(
        (row) =>
          `(${quotedColumns.map((_, i) => (row[i] == null ? 'NULL' : sqlString(row[i] as string))).join(', ')})`,
      )
      .join(',\n');
    await tx.execute(`INSERT INTO ${table} (${quotedColumns.join(', ')}) VALUES\n${values}`);
  }
  return rows.length;
}
