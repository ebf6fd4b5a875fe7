/**
 * Run history in the lakehouse (schema `learnflow`): one row per sync and one per stream of each sync,
 * answering "what was loaded, and when". Errors are stored redacted.
 */
import type { LakehouseConnection, Row } from './lakehouse-connection';

export const HISTORY_SCHEMA = 'learnflow';
export const SYNC_RUNS = 'sync_runs';
export const STREAM_RUNS = 'sync_stream_runs';

export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface SyncRunRow {
  syncId: number;
  connection: string;
  startedAt: string;
  endedAt?: string | null;
  status: RunStatus;
  recordsRead: number;
  recordsCommitted: number;
  recordsRejected: number;
  bytes: number;
  error?: string | null;
}

export interface StreamRunRow {
  syncId: number;
  stream: string;
  syncMode: string;
  destinationSyncMode: string;
  generationId: number | null;
  startedAt: string;
  endedAt?: string | null;
  status: RunStatus;
  recordsRead: number;
  recordsCommitted: number;
  recordsRejected: number;
  bytes: number;
  error?: string | null;
}

function t(conn: LakehouseConnection, table: string): string {
  return `${conn.quote(HISTORY_SCHEMA)}.${conn.quote(table)}`;
}

export async function ensureHistoryTables(conn: LakehouseConnection): Promise<void> {
  await conn.exec(`CREATE SCHEMA IF NOT EXISTS ${conn.quote(HISTORY_SCHEMA)}`);
  const counts =
    'records_read BIGINT NOT NULL, records_committed BIGINT NOT NULL, records_rejected BIGINT NOT NULL, ' +
    'bytes BIGINT NOT NULL, error VARCHAR';
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, SYNC_RUNS)} (sync_id BIGINT PRIMARY KEY, connection VARCHAR NOT NULL, ` +
      `started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, status VARCHAR NOT NULL, ${counts})`,
  );
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, STREAM_RUNS)} (sync_id BIGINT NOT NULL, stream VARCHAR NOT NULL, ` +
      'sync_mode VARCHAR NOT NULL, destination_sync_mode VARCHAR NOT NULL, generation_id BIGINT, ' +
      `started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, status VARCHAR NOT NULL, ${counts}, ` +
      'PRIMARY KEY (sync_id, stream))',
  );
}

/** A new sync id: one more than any before (sync ids are also Airbyte's `sync_id`). */
export async function nextSyncId(conn: LakehouseConnection): Promise<number> {
  const rows = await conn.query(`SELECT COALESCE(MAX(sync_id), 0) + 1 AS id FROM ${t(conn, SYNC_RUNS)}`);
  return Number(rows[0]?.id ?? 1);
}

export async function insertSyncRun(conn: LakehouseConnection, r: SyncRunRow): Promise<void> {
  await conn.exec(
    `INSERT INTO ${t(conn, SYNC_RUNS)} VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), CAST($4 AS TIMESTAMPTZ), $5, $6, $7, $8, $9, $10)`,
    [
      r.syncId,
      r.connection,
      r.startedAt,
      r.endedAt ?? null,
      r.status,
      r.recordsRead,
      r.recordsCommitted,
      r.recordsRejected,
      r.bytes,
      r.error ?? null,
    ],
  );
}

export async function updateSyncRun(conn: LakehouseConnection, r: SyncRunRow): Promise<void> {
  await conn.exec(
    `UPDATE ${t(conn, SYNC_RUNS)} SET ended_at = CAST($2 AS TIMESTAMPTZ), status = $3, records_read = $4, ` +
      'records_committed = $5, records_rejected = $6, bytes = $7, error = $8 WHERE sync_id = $1',
    [
      r.syncId,
      r.endedAt ?? null,
      r.status,
      r.recordsRead,
      r.recordsCommitted,
      r.recordsRejected,
      r.bytes,
      r.error ?? null,
    ],
  );
}

export async function upsertStreamRun(conn: LakehouseConnection, r: StreamRunRow): Promise<void> {
  await conn.exec(`DELETE FROM ${t(conn, STREAM_RUNS)} WHERE sync_id = $1 AND stream = $2`, [
    r.syncId,
    r.stream,
  ]);
  await conn.exec(
    `INSERT INTO ${t(conn, STREAM_RUNS)} VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMPTZ), CAST($7 AS TIMESTAMPTZ), ` +
      '$8, $9, $10, $11, $12, $13)',
    [
      r.syncId,
      r.stream,
      r.syncMode,
      r.destinationSyncMode,
      r.generationId,
      r.startedAt,
      r.endedAt ?? null,
      r.status,
      r.recordsRead,
      r.recordsCommitted,
      r.recordsRejected,
      r.bytes,
      r.error ?? null,
    ],
  );
}

/** Syncs of a connection, newest first. */
export async function listSyncRuns(
  conn: LakehouseConnection,
  connection?: string,
  limit = 20,
): Promise<Row[]> {
  const where = connection ? 'WHERE connection = $1' : '';
  return conn.query(
    `SELECT sync_id, connection, CAST(started_at AS VARCHAR) AS started_at, CAST(ended_at AS VARCHAR) AS ended_at, ` +
      `status, records_read, records_committed, records_rejected, bytes, error FROM ${t(conn, SYNC_RUNS)} ${where} ` +
      `ORDER BY sync_id DESC LIMIT ${Math.max(1, Math.trunc(limit))}`,
    connection ? [connection] : [],
  );
}

export async function listStreamRuns(conn: LakehouseConnection, syncId: number): Promise<Row[]> {
  return conn.query(
    `SELECT sync_id, stream, sync_mode, destination_sync_mode, generation_id, status, records_read, ` +
      `records_committed, records_rejected, bytes, error FROM ${t(conn, STREAM_RUNS)} WHERE sync_id = $1 ORDER BY stream`,
    [syncId],
  );
}

/** The last recorded run of each stream of a connection: its generation and whether it succeeded. */
export async function lastStreamRuns(
  conn: LakehouseConnection,
  connection: string,
): Promise<Map<string, { generationId: number | null; status: RunStatus; syncId: number }>> {
  const rows = await conn.query(
    `SELECT s.stream, s.generation_id, s.status, s.sync_id FROM ${t(conn, STREAM_RUNS)} s ` +
      `JOIN ${t(conn, SYNC_RUNS)} r ON r.sync_id = s.sync_id WHERE r.connection = $1 ORDER BY s.sync_id`,
    [connection],
  );
  const out = new Map<string, { generationId: number | null; status: RunStatus; syncId: number }>();
  for (const r of rows)
    out.set(String(r.stream), {
      generationId:
        r.generation_id === null || r.generation_id === undefined ? null : Number(r.generation_id),
      status: r.status as RunStatus,
      syncId: Number(r.sync_id),
    });
  return out;
}

/** The highest generation ever used per stream (generations never decrease). */
export async function maxGenerations(
  conn: LakehouseConnection,
  connection: string,
): Promise<Map<string, number>> {
  const rows = await conn.query(
    `SELECT s.stream, MAX(s.generation_id) AS g FROM ${t(conn, STREAM_RUNS)} s JOIN ${t(conn, SYNC_RUNS)} r ` +
      'ON r.sync_id = s.sync_id WHERE r.connection = $1 GROUP BY s.stream',
    [connection],
  );
  const out = new Map<string, number>();
  for (const r of rows) if (r.g !== null && r.g !== undefined) out.set(String(r.stream), Number(r.g));
  return out;
}
