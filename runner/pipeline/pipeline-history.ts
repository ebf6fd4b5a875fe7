/**
 * Pipeline run history in the lakehouse (schema `learnflow`, beside the sync history): one row per
 * pipeline run, one per step of a run (a connection's sync, the transform, a delivery), and the marks
 * that say which version of each input a step last consumed (so an unchanged input is not rebuilt).
 */
import type { LakehouseConnection, Row } from '../lakehouse/lakehouse-connection';
import { HISTORY_SCHEMA } from '../lakehouse/run-history';

export const PIPELINE_RUNS = 'pipeline_runs';
export const PIPELINE_STEPS = 'pipeline_steps';
export const PIPELINE_MARKS = 'pipeline_marks';
export const NODE_RUNS = 'pipeline_node_runs';

export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped';
export type PipelineStatus = 'running' | 'succeeded' | 'failed';

export interface PipelineRunRow {
  runId: number;
  startedAt: string;
  endedAt?: string | null;
  status: PipelineStatus;
  /** The `--select` given, comma separated ('' for everything). */
  selection: string;
  resumes: number;
  error?: string | null;
}

export interface StepRow {
  runId: number;
  /** `sync:<connection>`, `transform`, `deliver:<target>`. */
  step: string;
  kind: 'sync' | 'transform' | 'deliver';
  startedAt: string;
  endedAt?: string | null;
  status: StepStatus;
  rows: number;
  /** JSON: what the step did (sync id, models built, tables delivered...). */
  detail: Record<string, unknown>;
  error?: string | null;
}

function t(conn: LakehouseConnection, table: string): string {
  return `${conn.quote(HISTORY_SCHEMA)}.${conn.quote(table)}`;
}

export async function ensurePipelineTables(conn: LakehouseConnection): Promise<void> {
  await conn.exec(`CREATE SCHEMA IF NOT EXISTS ${conn.quote(HISTORY_SCHEMA)}`);
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, PIPELINE_RUNS)} (run_id BIGINT PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, ` +
      'ended_at TIMESTAMPTZ, status VARCHAR NOT NULL, selection VARCHAR NOT NULL, resumes INTEGER NOT NULL, error VARCHAR)',
  );
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, PIPELINE_STEPS)} (run_id BIGINT NOT NULL, step VARCHAR NOT NULL, ` +
      'kind VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, status VARCHAR NOT NULL, ' +
      'rows_count BIGINT NOT NULL, detail VARCHAR NOT NULL, error VARCHAR, PRIMARY KEY (run_id, step))',
  );
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, NODE_RUNS)} (run_id BIGINT NOT NULL, unique_id VARCHAR NOT NULL, ` +
      'name VARCHAR NOT NULL, resource_type VARCHAR NOT NULL, ended_at TIMESTAMPTZ NOT NULL, status VARCHAR NOT NULL, ' +
      'rows_count BIGINT, seconds DOUBLE PRECISION NOT NULL, message VARCHAR, PRIMARY KEY (run_id, unique_id))',
  );
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${t(conn, PIPELINE_MARKS)} (consumer VARCHAR NOT NULL, input VARCHAR NOT NULL, ` +
      'fingerprint VARCHAR NOT NULL, marked_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (consumer, input))',
  );
}

export async function nextRunId(conn: LakehouseConnection): Promise<number> {
  const rows = await conn.query(`SELECT COALESCE(MAX(run_id), 0) + 1 AS id FROM ${t(conn, PIPELINE_RUNS)}`);
  return Number(rows[0]?.id ?? 1);
}

export async function insertPipelineRun(conn: LakehouseConnection, r: PipelineRunRow): Promise<void> {
  await conn.exec(
    `INSERT INTO ${t(conn, PIPELINE_RUNS)} VALUES ($1, CAST($2 AS TIMESTAMPTZ), CAST($3 AS TIMESTAMPTZ), $4, $5, $6, $7)`,
    [r.runId, r.startedAt, r.endedAt ?? null, r.status, r.selection, r.resumes, r.error ?? null],
  );
}

export async function updatePipelineRun(conn: LakehouseConnection, r: PipelineRunRow): Promise<void> {
  await conn.exec(
    `UPDATE ${t(conn, PIPELINE_RUNS)} SET ended_at = CAST($2 AS TIMESTAMPTZ), status = $3, resumes = $4, error = $5 ` +
      'WHERE run_id = $1',
    [r.runId, r.endedAt ?? null, r.status, r.resumes, r.error ?? null],
  );
}

export async function upsertStep(conn: LakehouseConnection, s: StepRow): Promise<void> {
  await conn.exec(`DELETE FROM ${t(conn, PIPELINE_STEPS)} WHERE run_id = $1 AND step = $2`, [
    s.runId,
    s.step,
  ]);
  await conn.exec(
    `INSERT INTO ${t(conn, PIPELINE_STEPS)} VALUES ($1, $2, $3, CAST($4 AS TIMESTAMPTZ), CAST($5 AS TIMESTAMPTZ), $6, $7, $8, $9)`,
    [
      s.runId,
      s.step,
      s.kind,
      s.startedAt,
      s.endedAt ?? null,
      s.status,
      s.rows,
      JSON.stringify(s.detail),
      s.error ?? null,
    ],
  );
}

const RUN_COLUMNS =
  'run_id, CAST(started_at AS VARCHAR) AS started_at, CAST(ended_at AS VARCHAR) AS ended_at, status, selection, resumes, error';
const STEP_COLUMNS =
  'run_id, step, kind, CAST(started_at AS VARCHAR) AS started_at, CAST(ended_at AS VARCHAR) AS ended_at, status, ' +
  'rows_count, detail, error';

/** The newest run, if it never finished (killed) or failed: what `--resume` continues. */
export async function resumableRun(conn: LakehouseConnection): Promise<Row | undefined> {
  const rows = await conn.query(
    `SELECT ${RUN_COLUMNS} FROM ${t(conn, PIPELINE_RUNS)} ORDER BY run_id DESC LIMIT 1`,
  );
  const last = rows[0];
  return last && last.status !== 'succeeded' ? last : undefined;
}

export async function listPipelineRuns(
  conn: LakehouseConnection,
  since?: string,
  limit = 50,
): Promise<Row[]> {
  return conn.query(
    `SELECT ${RUN_COLUMNS} FROM ${t(conn, PIPELINE_RUNS)} ` +
      (since ? 'WHERE started_at >= CAST($1 AS TIMESTAMPTZ) ' : '') +
      `ORDER BY run_id DESC LIMIT ${Math.max(1, Math.trunc(limit))}`,
    since ? [since] : [],
  );
}

export async function stepsOf(conn: LakehouseConnection, runId: number): Promise<Row[]> {
  return conn.query(
    `SELECT ${STEP_COLUMNS} FROM ${t(conn, PIPELINE_STEPS)} WHERE run_id = $1 ORDER BY started_at, step`,
    [runId],
  );
}

/** The newest row of every step name (any run), for `learnflow status` and ETAs. */
export async function lastSteps(conn: LakehouseConnection): Promise<Row[]> {
  return conn.query(
    `SELECT ${STEP_COLUMNS} FROM ${t(conn, PIPELINE_STEPS)} s WHERE run_id = ` +
      `(SELECT MAX(run_id) FROM ${t(conn, PIPELINE_STEPS)} x WHERE x.step = s.step) ORDER BY step`,
  );
}

/** Seconds each step took the last time it succeeded: the basis of the ETA. */
export async function previousDurations(conn: LakehouseConnection): Promise<Map<string, number>> {
  const rows = await conn.query(
    `SELECT step, CAST(started_at AS VARCHAR) AS s, CAST(ended_at AS VARCHAR) AS e FROM ${t(conn, PIPELINE_STEPS)} ` +
      "WHERE status = 'succeeded' AND ended_at IS NOT NULL ORDER BY run_id",
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const secs = (Date.parse(String(r.e)) - Date.parse(String(r.s))) / 1000;
    if (Number.isFinite(secs)) out.set(String(r.step), Math.max(0, secs));
  }
  return out;
}

export async function readMarks(conn: LakehouseConnection, consumer: string): Promise<Map<string, string>> {
  const rows = await conn.query(
    `SELECT input, fingerprint FROM ${t(conn, PIPELINE_MARKS)} WHERE consumer = $1`,
    [consumer],
  );
  return new Map(rows.map((r) => [String(r.input), String(r.fingerprint)]));
}

export async function writeMarks(
  conn: LakehouseConnection,
  consumer: string,
  marks: Map<string, string>,
): Promise<void> {
  const now = new Date().toISOString();
  for (const [input, fingerprint] of marks) {
    await conn.exec(`DELETE FROM ${t(conn, PIPELINE_MARKS)} WHERE consumer = $1 AND input = $2`, [
      consumer,
      input,
    ]);
    await conn.exec(`INSERT INTO ${t(conn, PIPELINE_MARKS)} VALUES ($1, $2, $3, CAST($4 AS TIMESTAMPTZ))`, [
      consumer,
      input,
      fingerprint,
      now,
    ]);
  }
}

export interface NodeRunRow {
  uniqueId: string;
  name: string;
  resourceType: string;
  status: string;
  rows: number | null;
  seconds: number;
  message: string | null;
}

export async function recordNodeRuns(
  conn: LakehouseConnection,
  runId: number,
  rows: NodeRunRow[],
): Promise<void> {
  const now = new Date().toISOString();
  for (const r of rows) {
    await conn.exec(`DELETE FROM ${t(conn, NODE_RUNS)} WHERE run_id = $1 AND unique_id = $2`, [
      runId,
      r.uniqueId,
    ]);
    await conn.exec(
      `INSERT INTO ${t(conn, NODE_RUNS)} VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMPTZ), $6, $7, $8, $9)`,
      [runId, r.uniqueId, r.name, r.resourceType, now, r.status, r.rows, r.seconds, r.message],
    );
  }
}

/** The newest result of every model, seed, snapshot and test the pipeline ran. */
export async function lastNodeRuns(conn: LakehouseConnection): Promise<Row[]> {
  return conn.query(
    `SELECT run_id, unique_id, name, resource_type, CAST(ended_at AS VARCHAR) AS ended_at, status, rows_count, seconds, message ` +
      `FROM ${t(conn, NODE_RUNS)} n WHERE run_id = (SELECT MAX(run_id) FROM ${t(conn, NODE_RUNS)} x WHERE x.unique_id = n.unique_id) ` +
      'ORDER BY resource_type, name',
  );
}
