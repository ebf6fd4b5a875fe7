import type { Row } from '../lakehouse/lakehouse-connection';
import type { RunWithSteps, StatusReport } from './read-status';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  return String(v);
}

function grid(title: string, rows: Row[], columns: string[]): string[] {
  if (!rows.length) return [`${title}: none yet`];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    '  ' +
    vals
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [`${title}:`, line(columns), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
}

function short(r: Row): Row {
  return {
    ...r,
    started_at: r.started_at ? String(r.started_at).slice(0, 19) : null,
    ended_at: r.ended_at ? String(r.ended_at).slice(0, 19) : null,
    error: r.error ? String(r.error).slice(0, 80) : null,
    message: r.message ? String(r.message).replace(/\s+/g, ' ').slice(0, 60) : null,
  };
}

export function formatStatus(s: StatusReport): string {
  const out: string[] = [];
  if (s.lastRun)
    out.push(
      `last pipeline run ${cell(s.lastRun.run_id)}: ${cell(s.lastRun.status)}, started ${String(s.lastRun.started_at).slice(0, 19)}` +
        (s.lastRun.error ? ` — ${cell(s.lastRun.error)}` : ''),
      '',
    );
  out.push(
    ...grid('connections', s.connections.map(short), [
      'connection',
      'sync_id',
      'started_at',
      'seconds',
      'status',
      'records_committed',
      'records_rejected',
      'error',
    ]),
    '',
    ...grid('streams', s.streams.map(short), [
      'connection',
      'stream',
      'started_at',
      'seconds',
      'status',
      'records_committed',
      'records_rejected',
      'error',
    ]),
    '',
    ...grid('models and tests', s.models.map(short), [
      'name',
      'resource_type',
      'ended_at',
      'seconds',
      'status',
      'rows_count',
      'message',
    ]),
    '',
    ...grid('deliveries', s.deliveries.map(short), [
      'step',
      'started_at',
      'seconds',
      'status',
      'rows_count',
      'error',
    ]),
  );
  return out.join('\n') + '\n';
}

export function formatRuns(runs: RunWithSteps[]): string {
  if (!runs.length) return 'no pipeline runs yet\n';
  const out: string[] = [];
  for (const r of runs) {
    out.push(
      `run ${cell(r.run_id)}  ${String(r.started_at).slice(0, 19)}  ${cell(r.status)}  ${cell(r.seconds)}s` +
        (Number(r.resumes) ? `  resumed ${cell(r.resumes)}x` : '') +
        (r.error ? `  ${cell(r.error)}` : ''),
    );
    for (const st of r.steps)
      out.push(
        `    ${cell(st.step).padEnd(28)} ${cell(st.status).padEnd(9)} ${cell(st.seconds).padStart(6)}s ${cell(st.rows_count).padStart(7)} rows`,
      );
  }
  return out.join('\n') + '\n';
}
