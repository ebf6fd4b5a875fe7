/**
 * The PostgreSQL target's delivered state, in the target database itself (schema `learnflow_delivery`), so
 * it commits in the same transaction as the rows it describes.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  const res = await client.query(
    `SELECT string_agg(key || chr(29) || row_hash || chr(29) || COALESCE(part, ''), chr(28)) AS packed ` +
      `FROM ${TABLE} WHERE tbl = $1`,
    [table],
  );
  const out = new Map<string, DeliveredRow>();
  const packed = res.rows[0]?.packed as string | null;
  if (!packed) return out;
  for (const record of packed.split('\u001c')) {
    const [k, h, p] = record.split('\u001d') as [string, string, string];
    out.set(k, { hash: h, part: p === '' ? null : p });
  }
  return out;
}

/**
 * Record what a transaction delivered: drop the old entries of rewritten and removed keys, then COPY the
 * new ones in (much faster than row-by-row upserts for a full load).
 */
export async function writePgDeliveredState(
  client: ClientBase,
  table: string,
  written: StateWrite[],
  removed: string[],
  replaced: string[],
): Promise<void> {
  const stale = [...replaced, ...removed];
  for (let i = 0; i < stale.length; i += 50000)
    await client.query(`DELETE FROM ${TABLE} WHERE tbl = $1 AND key = ANY($2::text[])`, [
      table,
      stale.slice(i, i + 50000),
    ]);
  if (!written.length) return;
  const field = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
  const stream = client.query(
    copyFrom(`COPY ${TABLE} (tbl, key, row_hash, part) FROM STDIN WITH (FORMAT csv)`),
  );
  async function* lines(): AsyncGenerator<string> {
    const t = field(table);
    for (let i = 0; i < written.length; i += 5000)
      yield written
        .slice(i, i + 5000)
        .map((w) => `${t},${field(w.key)},${field(w.hash)},${field(w.part)}\n`)
        .join('');
  }
  await pipeline(Readable.from(lines()), stream);
}
