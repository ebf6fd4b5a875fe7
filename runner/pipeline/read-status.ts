/**
 * What `learnflow status` and `learnflow runs` show, read from the lakehouse history tables (the sync
 * runner's `sync_runs` / `sync_stream_runs`, the pipeline's runs, steps and node results, and the
 * deliveries' steps), so an orchestrator can read the same rows with SQL.
 */
import type { LakehouseConnection, Row } from '../lakehouse/lakehouse-connection';
import { ensureHistoryTables, HISTORY_SCHEMA, STREAM_RUNS, SYNC_RUNS } from '../lakehouse/run-history';
import { ensurePipelineTables, lastNodeRuns, lastSteps, listPipelineRuns, stepsOf } from './pipeline-history';

export interface StatusReport {
  connections: Row[];
  streams: Row[];
  models: Row[];
  deliveries: Row[];
  lastRun: Row | null;
}

function seconds(r: Row): number | null {
  if (!r.started_at || !r.ended_at) return null;
  return Math.round((Date.parse(String(r.ended_at)) - Date.parse(String(r.started_at))) / 100) / 10;
}

export async function readStatus(c: LakehouseConnection): Promise<StatusReport> {
  await ensureHistoryTables(c);
  await ensurePipelineTables(c);
  const s = (x: string) => `${c.quote(HISTORY_SCHEMA)}.${c.quote(x)}`;
  const connections = (
    await c.query(
      `SELECT connection, sync_id, CAST(started_at AS VARCHAR) AS started_at, CAST(ended_at AS VARCHAR) AS ended_at, status, ` +
        `records_read, records_committed, records_rejected, error FROM ${s(SYNC_RUNS)} r ` +
        `WHERE sync_id = (SELECT MAX(sync_id) FROM ${s(SYNC_RUNS)} x WHERE x.connection = r.connection) ORDER BY connection`,
    )
  ).map((r) => ({ ...r, seconds: seconds(r) }));
  const streams = (
    await c.query(
      `SELECT r.connection, t.stream, t.sync_id, CAST(t.started_at AS VARCHAR) AS started_at, CAST(t.ended_at AS VARCHAR) AS ended_at, ` +
        `t.status, t.sync_mode, t.destination_sync_mode, t.records_read, t.records_committed, t.records_rejected, t.error ` +
        `FROM ${s(STREAM_RUNS)} t JOIN ${s(SYNC_RUNS)} r ON r.sync_id = t.sync_id ` +
        `WHERE t.sync_id = (SELECT MAX(x.sync_id) FROM ${s(STREAM_RUNS)} x JOIN ${s(SYNC_RUNS)} y ON y.sync_id = x.sync_id ` +
        'WHERE y.connection = r.connection AND x.stream = t.stream) ORDER BY r.connection, t.stream',
    )
  ).map((r) => ({ ...r, seconds: seconds(r) }));
  const models = await lastNodeRuns(c);
  const deliveries = (await lastSteps(c))
    .filter((r) => r.kind === 'deliver')
    .map((r) => ({ ...r, seconds: seconds(r), detail: JSON.parse(String(r.detail ?? '{}')) as unknown }));
  const [lastRun] = await listPipelineRuns(c, undefined, 1);
  return { connections, streams, models, deliveries, lastRun: lastRun ?? null };
}

export interface RunWithSteps extends Row {
  seconds: number | null;
  steps: Row[];
}

export async function readRuns(c: LakehouseConnection, since?: string, limit = 20): Promise<RunWithSteps[]> {
  await ensureHistoryTables(c);
  await ensurePipelineTables(c);
  const runs = await listPipelineRuns(c, since, limit);
  const out: RunWithSteps[] = [];
  for (const r of runs)
    out.push({
      ...r,
      seconds: seconds(r),
      steps: (await stepsOf(c, Number(r.run_id))).map((st) => ({
        ...st,
        seconds: seconds(st),
        detail: JSON.parse(String(st.detail ?? '{}')) as unknown,
      })),
    });
  return out;
}

/** `--since`: an ISO date/time, or a duration back from now (`90m`, `24h`, `7d`). */
export function parseSince(text: string | undefined, now = Date.now()): string | undefined {
  if (!text) return undefined;
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (m) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
    return new Date(now - Number(m[1]) * unit * 1000).toISOString();
  }
  const t = Date.parse(text);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
