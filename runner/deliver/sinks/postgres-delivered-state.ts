/**
 * The PostgreSQL target's delivered state, in the target database itself (schema `learnflow_delivery`), so
 * it commits in the same transaction as the rows it describes.
 */
import type { ClientBase } from 'pg';
import type { DeliveredRow } from '../row-diff';
import type { StateWrite } from '../lakehouse-delivered-state';

export const PG_STATE_SCHEMA = 'learnflow_delivery';
const TABLE = `"${PG_STATE_SCHEMA}"."delivered_state"`;

export async function ensurePgDeliveredState(client: ClientBase): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${PG_STATE_SCHEMA}"`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (tbl text NOT NULL, key text NOT NULL, row_hash text NOT NULL, part text, ` +
      'delivered_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tbl, key))',
  );
}

export async function loadPgDeliveredState(
  client: ClientBase,
  table: string,
): Promise<Map<string, DeliveredRow>> {
  const res = await client.query({
    text: `SELECT key, row_hash, part FROM ${TABLE} WHERE tbl = $1`,
    values: [table],
    rowMode: 'array',
  });
  const out = new Map<string, DeliveredRow>();
  for (const [k, h, p] of res.rows as [string, string, string | null][]) out.set(k, { hash: h, part: p });
  return out;
}

export async function writePgDeliveredState(
  client: ClientBase,
  table: string,
  written: StateWrite[],
  removed: string[],
): Promise<void> {
  for (let i = 0; i < written.length; i += 50000) {
    const chunk = written.slice(i, i + 50000);
    await client.query(
      `INSERT INTO ${TABLE} (tbl, key, row_hash, part) SELECT $1, x.k, x.h, x.p ` +
        'FROM unnest($2::text[], $3::text[], $4::text[]) AS x(k, h, p) ' +
        'ON CONFLICT (tbl, key) DO UPDATE SET row_hash = EXCLUDED.row_hash, part = EXCLUDED.part, delivered_at = now()',
      [table, chunk.map((w) => w.key), chunk.map((w) => w.hash), chunk.map((w) => w.part)],
    );
  }
  for (let i = 0; i < removed.length; i += 50000)
    await client.query(`DELETE FROM ${TABLE} WHERE tbl = $1 AND key = ANY($2::text[])`, [
      table,
      removed.slice(i, i + 50000),
    ]);
}
