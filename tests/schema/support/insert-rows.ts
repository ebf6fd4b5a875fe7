import type { Client } from 'pg';
import type { Entity } from '../../../runner/schema/schema-model';

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Insert records into an entity's table: only the fields each record carries (defaults fill the rest). */
export async function insertRows(
  client: Client,
  entity: Entity,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (const row of rows) {
    const cols = Object.keys(row);
    const values = cols.map((c) => {
      const col = entity.columns.find((x) => x.name === c);
      const v = row[c];
      if (col?.type.kind === 'json' && v !== null && v !== undefined) return JSON.stringify(v);
      return v;
    });
    const sql = `INSERT INTO ${ident(entity.name)} (${cols.map(ident).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
    await client.query(sql, values);
  }
}

/** The SQLSTATE of a failed query, e.g. 23503 (foreign key) or 23505 (unique). */
export async function sqlState(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}
