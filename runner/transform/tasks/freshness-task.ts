import { openAdapter as createAdapter } from '../execute/open-adapter';
import { writeArtifact } from '../artifacts/write-artifact';
import { manifestGraph } from '../graph/select-nodes';
import { DBT_VERSION, SOURCES_SCHEMA, type SourceDefinition } from '../parse/manifest-types';
import { describeError } from '../../common/errors';
import { openSession } from './open-session';
import { selectForTask } from './select-for-task';
import type { TaskOptions } from './task-options';

const SECONDS: Record<string, number> = { minute: 60, hour: 3600, day: 86400 };

/** `source freshness`: max(loaded_at_field) of each selected source against warn_after / error_after; writes sources.json. */
export async function freshnessTask(opts: TaskOptions): Promise<number> {
  const { session, invocationId, startedAt } = openSession(opts, 'freshness');
  const graph = manifestGraph(session.manifest);
  const selected = selectForTask(session, graph, opts, ['source']);
  const sources = [...selected]
    .map((id) => session.manifest.sources[id])
    .filter((s): s is SourceDefinition => Boolean(s && s.freshness && s.loaded_at_field));
  const adapter = await createAdapter(session.target, opts.logger);
  const results: Record<string, unknown>[] = [];
  try {
    for (const s of sources) {
      const t0 = Date.now();
      const where = s.freshness!.filter ? ` where ${s.freshness!.filter}` : '';
      try {
        const r = await adapter.execute(
          `select max(${s.loaded_at_field}) as max_loaded_at, current_timestamp as snapshotted_at from ${s.relation_name}${where}`,
        );
        const row = r.rows[0] ?? {};
        const max = toDate(row.max_loaded_at);
        const now = toDate(row.snapshotted_at) ?? new Date();
        const age = max ? (now.getTime() - max.getTime()) / 1000 : Infinity;
        const over = (t: { count: number | null; period: string | null }) =>
          t.count !== null && t.period !== null && age > t.count * SECONDS[t.period];
        const status = over(s.freshness!.error_after)
          ? 'error'
          : over(s.freshness!.warn_after)
            ? 'warn'
            : 'pass';
        results.push({
          unique_id: s.unique_id,
          max_loaded_at: max?.toISOString() ?? null,
          snapshotted_at: now.toISOString(),
          max_loaded_at_time_ago_in_s: Number.isFinite(age) ? age : null,
          status,
          criteria: s.freshness,
          adapter_response: {},
          timing: [],
          thread_id: 'Thread-1',
          execution_time: (Date.now() - t0) / 1000,
        });
        const line = `${status.toUpperCase()} freshness of ${s.source_name}.${s.name}: loaded ${Number.isFinite(age) ? `${Math.round(age)}s ago` : 'never'}`;
        if (status === 'pass') opts.logger.info(line);
        else if (status === 'warn') opts.logger.warn(line);
        else opts.logger.error(line);
      } catch (e) {
        results.push({
          unique_id: s.unique_id,
          status: 'runtime error',
          error: describeError(e),
          timing: [],
          thread_id: 'Thread-1',
          execution_time: 0,
        });
        opts.logger.error(`ERROR freshness of ${s.source_name}.${s.name}: ${describeError(e)}`);
      }
    }
  } finally {
    await adapter.close();
  }
  writeArtifact(
    session.targetDir,
    'sources.json',
    {
      metadata: {
        dbt_schema_version: SOURCES_SCHEMA,
        dbt_version: DBT_VERSION,
        generated_at: new Date().toISOString(),
        invocation_id: invocationId,
        env: {},
      },
      results,
      elapsed_time: (Date.now() - startedAt.getTime()) / 1000,
    },
    opts.logger,
  );
  if (!sources.length) opts.logger.warn('no selected source declares freshness with a loaded_at_field');
  return results.some((r) => r.status === 'error' || r.status === 'runtime error') ? 1 : 0;
}

function toDate(v: unknown): Date | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v;
  const s = String(v);
  const d = new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
