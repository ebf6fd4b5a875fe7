/**
 * The state store: per connection and stream, the last state whose records are committed. The destination
 * writes it in the same transaction as the records (so it can never run ahead of or behind the data);
 * the sync runner reads it to build the next `--state` file and clears it for a refresh.
 */
import type { AirbyteStateMessage } from '../../connectors/cdk/protocol';
import { FINALIZED_TABLE, STATE_TABLE } from '../../connectors/destination-lakehouse/src/backend';
import type { LakehouseConnection } from './lakehouse-connection';

export interface StoredState {
  streamKey: string;
  state: AirbyteStateMessage;
  updatedAt: string;
}

async function tableExists(conn: LakehouseConnection, schema: string, table: string): Promise<boolean> {
  const rows = await conn.query(
    'SELECT 1 AS x FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
    [schema, table],
  );
  return rows.length > 0;
}

function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}

export async function readStates(conn: LakehouseConnection, connectionId: string): Promise<StoredState[]> {
  if (!(await tableExists(conn, conn.rawSchema, STATE_TABLE))) return [];
  const rows = await conn.query(
    `SELECT stream_key, CAST(state AS VARCHAR) AS state, CAST(updated_at AS VARCHAR) AS updated_at ` +
      `FROM ${conn.quote(conn.rawSchema)}.${conn.quote(STATE_TABLE)} WHERE connection_id = $1 ORDER BY stream_key`,
    [connectionId],
  );
  return rows.map((r) => ({
    streamKey: String(r.stream_key),
    state: parseJson(r.state) as AirbyteStateMessage,
    updatedAt: String(r.updated_at),
  }));
}

/** Forget the states of these streams (a refresh reads them from the start). */
export async function clearStates(conn: LakehouseConnection, connectionId: string, streamKeys: string[]) {
  if (!streamKeys.length || !(await tableExists(conn, conn.rawSchema, STATE_TABLE))) return;
  for (const key of streamKeys)
    await conn.exec(
      `DELETE FROM ${conn.quote(conn.rawSchema)}.${conn.quote(STATE_TABLE)} WHERE connection_id = $1 AND stream_key = $2`,
      [connectionId, key],
    );
}

/** The latest generation each stream finalized (swapped in or trimmed) after its source reported COMPLETE. */
export async function finalizedGenerations(
  conn: LakehouseConnection,
  connectionId: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!(await tableExists(conn, conn.rawSchema, FINALIZED_TABLE))) return out;
  const rows = await conn.query(
    `SELECT stream_key, MAX(generation_id) AS generation_id FROM ${conn.quote(conn.rawSchema)}.${conn.quote(FINALIZED_TABLE)} ` +
      'WHERE connection_id = $1 GROUP BY stream_key',
    [connectionId],
  );
  for (const r of rows) if (r.generation_id !== null) out.set(String(r.stream_key), Number(r.generation_id));
  return out;
}
