/**
 * Delivery runs in the lakehouse run history (schema `learnflow`, beside the sync runs): one row per
 * delivery and one per table, index or webhook group it touched.
 */
import type { LakehouseConnection, Row } from '../lakehouse/lakehouse-connection';
import { HISTORY_SCHEMA, ensureHistoryTables } from '../lakehouse/run-history';
import type { DeliveryReport } from './delivery-report';

export const DELIVERY_RUNS = 'delivery_runs';
export const DELIVERY_OBJECT_RUNS = 'delivery_object_runs';

function t(conn: LakehouseConnection, table: string): string {
  return `${conn.quote(HISTORY_SCHEMA)}.${conn.quote(table)}`;
}

export async function ensureDeliveryHistory(conn: LakehouseConnection): Promise<void> {
  await ensureHistoryTables(conn);
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, DELIVERY_RUNS)} (delivery_id BIGINT PRIMARY KEY, target VARCHAR NOT NULL, ` +
      'started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, status VARCHAR NOT NULL, written BIGINT NOT NULL, error VARCHAR)',
  );
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, DELIVERY_OBJECT_RUNS)} (delivery_id BIGINT NOT NULL, object VARCHAR NOT NULL, ` +
      'inserted BIGINT NOT NULL, updated BIGINT NOT NULL, deleted BIGINT NOT NULL, unpublished BIGINT NOT NULL, ' +
      'unchanged BIGINT NOT NULL, PRIMARY KEY (delivery_id, object))',
  );
}

/** A new delivery id, one more than any before; also the external version of OpenSearch documents. */
export async function startDelivery(
  conn: LakehouseConnection,
  target: string,
  startedAt: string,
): Promise<number> {
  const rows = await conn.query(
    `SELECT COALESCE(MAX(delivery_id), 0) + 1 AS id FROM ${t(conn, DELIVERY_RUNS)}`,
  );
  const id = Number(rows[0]?.id ?? 1);
  await conn.exec(
    `INSERT INTO ${t(conn, DELIVERY_RUNS)} VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), NULL, 'running', 0, NULL)`,
    [id, target, startedAt],
  );
  return id;
}

export async function recordDelivery(conn: LakehouseConnection, r: DeliveryReport): Promise<void> {
  await conn.exec(
    `UPDATE ${t(conn, DELIVERY_RUNS)} SET ended_at = CAST($2 AS TIMESTAMPTZ), status = $3, written = $4, error = $5 ` +
      'WHERE delivery_id = $1',
    [r.deliveryId, r.endedAt, r.status, r.written, r.error ?? null],
  );
  await conn.exec(`DELETE FROM ${t(conn, DELIVERY_OBJECT_RUNS)} WHERE delivery_id = $1`, [r.deliveryId]);
  for (const [name, c] of Object.entries(r.objects))
    await conn.exec(`INSERT INTO ${t(conn, DELIVERY_OBJECT_RUNS)} VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      r.deliveryId,
      name,
      c.inserted,
      c.updated,
      c.deleted,
      c.unpublished,
      c.unchanged,
    ]);
}

/** Deliveries, newest first, with their per-object counts. */
export async function listDeliveries(conn: LakehouseConnection, limit = 20): Promise<Row[]> {
  const runs = await conn.query(
    `SELECT delivery_id, target, CAST(started_at AS VARCHAR) AS started_at, CAST(ended_at AS VARCHAR) AS ended_at, ` +
      `status, written, error FROM ${t(conn, DELIVERY_RUNS)} ORDER BY delivery_id DESC LIMIT ${Math.max(1, Math.trunc(limit))}`,
  );
  for (const r of runs)
    r.objects = await conn.query(
      `SELECT object, inserted, updated, deleted, unpublished, unchanged FROM ${t(conn, DELIVERY_OBJECT_RUNS)} ` +
        'WHERE delivery_id = $1 ORDER BY object',
      [r.delivery_id],
    );
  return runs;
}
