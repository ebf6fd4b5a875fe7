import path from 'node:path';
import { openAdapter as createAdapter } from '../execute/open-adapter';
import type { Adapter } from '../adapters/adapter';
import { runResultsArtifact } from '../artifacts/run-results';
import { writeArtifact } from '../artifacts/write-artifact';
import { buildExecutionPlan } from '../execute/execution-plan';
import type { Invocation } from '../execute/invocation';
import type { NodeResult } from '../execute/node-result';
import type { TransformEvents } from '../execute/transform-events';
import { renderHooks } from '../execute/render-hooks';
import { runNode } from '../execute/run-node';
import { flushSqlFiles } from '../execute/write-sql-file';
import { runScheduled } from '../execute/run-scheduler';
import { RelationCache } from '../execute/relation-cache';
import { manifestGraph } from '../graph/select-nodes';
import type { ManifestNode } from '../parse/manifest-types';
import type { ProjectSession } from '../parse/project-session';
import { openSession } from './open-session';
import { selectForTask } from './select-for-task';
import type { TaskOptions } from './task-options';

export type ExecutingCommand = 'run' | 'test' | 'seed' | 'snapshot' | 'build';

const TYPES: Record<ExecutingCommand, string[]> = {
  run: ['model'],
  test: ['test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  build: ['model', 'seed', 'snapshot', 'test'],
};

/**
 * run / test / seed / snapshot / build: parse, select, plan, then execute through the adapter with
 * on-run-start / on-run-end hooks; writes run_results.json. Exit code 1 when anything failed. `events`
 * hears about the plan and every node as it starts and finishes.
 */
export async function executeNodes(
  opts: TaskOptions,
  command: ExecutingCommand,
  only?: Set<string>,
  events: TransformEvents = {},
): Promise<number> {
  const { session, startedAt, invocationId } = openSession(opts, command, false);
  const logger = opts.logger;
  const graph = manifestGraph(session.manifest);
  let selected = selectForTask(session, graph, opts, TYPES[command]);
  if (only) selected = new Set([...selected].filter((id) => only.has(id)));
  // ephemeral models are inlined into their children, never run on their own
  selected = new Set(
    [...selected].filter((id) => session.manifest.nodes[id]?.config.materialized !== 'ephemeral'),
  );
  const plan = buildExecutionPlan(session.manifest, graph, selected, command === 'build');
  if (!plan.order.length) {
    logger.warn('nothing to do: the selection matched no nodes');
    writeArtifact(session.targetDir, 'manifest.json', session.manifest, logger);
    writeArtifact(
      session.targetDir,
      'run_results.json',
      runResultsArtifact([], invocationId, startedAt, argsOf(opts, command)),
      logger,
    );
    return 0;
  }
  const adapter = await createAdapter(session.target, logger);
  const inv: Invocation = {
    session,
    adapter,
    fullRefresh: opts.fullRefresh,
    prettyPrint: false,
    failingRowsShown: 5,
    failingRows: new Map(),
    storeFailures: Boolean(opts.extra.storeFailures),
    relations: new RelationCache(adapter),
  };
  let results: NodeResult[] = [];
  try {
    const schemas = new Set<string>();
    for (const id of plan.order) {
      const n = session.manifest.nodes[id];
      if (n.resource_type !== 'test') schemas.add(n.schema);
    }
    for (const s of schemas) await adapter.createSchema(s);
    await runProjectHooks(inv, session.root.onRunStart, 'on-run-start', {});
    const threads = Math.max(1, Math.min(session.target.threads ?? 1, adapter.capabilities.maxConcurrency));
    logger.info(
      `Running ${plan.order.length} node${plan.order.length === 1 ? '' : 's'} with ${threads} thread${threads === 1 ? '' : 's'} on ${session.target.type} (target ${session.target.name})`,
    );
    tell(logger, () => events.planned?.(plan.order, threads));
    results = await runScheduled(plan, (id, thread) => runNode(inv, session.manifest.nodes[id], thread), {
      threads,
      failFast: opts.failFast,
      relationNameOf: (id) => session.manifest.nodes[id]?.relation_name ?? null,
      onStart: (id, thread) => tell(logger, () => events.nodeStarted?.(id, thread)),
      onResult: (r, i, total) => {
        logger.info(progressLine(session, r, i, total));
        tell(logger, () => events.nodeFinished?.(r, i, total));
      },
    });
    await runProjectHooks(inv, session.root.onRunEnd, 'on-run-end', {
      results: results.map((r) => ({ ...r, node: session.manifest.nodes[r.unique_id] })),
      schemas: [...schemas],
      database_schemas: [...schemas].map((s) => [session.target.database, s]),
    });
  } finally {
    writeArtifact(
      session.targetDir,
      'run_results.json',
      runResultsArtifact(results, invocationId, startedAt, argsOf(opts, command)),
      logger,
    );
    // the manifest also records what each executed node compiled to, as dbt's does
    for (const r of results) {
      const n = session.manifest.nodes[r.unique_id] as
        (ManifestNode & { compiled_code?: string; compiled?: boolean }) | undefined;
      if (n && r.compiled_code !== null) {
        n.compiled_code = r.compiled_code;
        n.compiled = true;
      }
    }
    writeArtifact(session.targetDir, 'manifest.json', session.manifest, logger);
    await flushSqlFiles();
    await adapter.close();
  }
  return summarise(session, results, logger, startedAt, inv.failingRows);
}

/** Call an events callback; a listener that throws is logged, never fails the run. */
function tell(logger: TaskOptions['logger'], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    logger.warn(`a transform events listener failed: ${(e as Error).message}`);
  }
}

async function runProjectHooks(
  inv: Invocation,
  hooks: string[],
  label: string,
  extra: Record<string, unknown>,
): Promise<void> {
  if (!hooks.length) return;
  const sqls = await renderHooks(
    inv,
    hooks,
    null,
    `${path.basename(inv.session.root.file)}: ${label}`,
    extra,
  );
  for (const sql of sqls) await runStatement(inv.adapter, sql);
}

async function runStatement(adapter: Adapter, sql: string): Promise<void> {
  await adapter.execute(sql);
}

function argsOf(opts: TaskOptions, command: string): Record<string, unknown> {
  return {
    which: command,
    select: opts.select,
    exclude: opts.exclude,
    selector: opts.selector ?? null,
    vars: opts.vars ?? null,
    threads: opts.threads ?? null,
    full_refresh: opts.fullRefresh,
    fail_fast: opts.failFast,
    target: opts.target ?? null,
    project_dir: opts.projectDir,
    profiles_dir: opts.profilesDir ?? null,
    state: opts.state ?? null,
  };
}

function describeNode(n: ManifestNode): string {
  if (n.resource_type === 'test') return `test ${n.name}`;
  if (n.resource_type === 'seed') return `seed file ${n.schema}.${n.alias}`;
  if (n.resource_type === 'snapshot') return `snapshot ${n.schema}.${n.alias}`;
  return `${String(n.config.materialized)} model ${n.schema}.${n.alias}`;
}

function progressLine(session: ProjectSession, r: NodeResult, i: number, total: number): string {
  const n = session.manifest.nodes[r.unique_id];
  const label = r.status === 'success' ? 'OK' : r.status.toUpperCase();
  const head = `${String(i).padStart(String(total).length)} of ${total} ${label} ${describeNode(n)}`;
  const tail =
    r.status === 'skipped'
      ? '[SKIP]'
      : `[${r.status === 'success' ? (r.message ?? 'OK') : label} in ${r.execution_time.toFixed(2)}s]`;
  return `${head} ${'.'.repeat(Math.max(1, 70 - head.length))} ${tail}`;
}

function summarise(
  session: ProjectSession,
  results: NodeResult[],
  logger: TaskOptions['logger'],
  startedAt: Date,
  failingRows: Map<string, string>,
): number {
  const count = (s: string[]) => results.filter((r) => s.includes(r.status)).length;
  const problems = results.filter((r) => ['error', 'fail', 'warn', 'runtime error'].includes(r.status));
  for (const r of problems) {
    const n = session.manifest.nodes[r.unique_id];
    const rows = failingRows.get(r.unique_id);
    const text = rows ? `${r.message ?? ''}\nfirst failing rows:\n${rows}` : (r.message ?? '');
    const line = `${r.status === 'warn' ? 'Warning' : 'Failure'} in ${n.resource_type} ${n.name} (${n.original_file_path})\n  ${text.replace(/\n/g, '\n  ')}`;
    if (r.status === 'warn') logger.warn(line);
    else logger.error(line);
  }
  const failed = count(['error', 'fail', 'runtime error']) > 0;
  logger.info(
    `Finished in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(2)}s. PASS=${count(['success', 'pass'])} WARN=${count(['warn'])} ERROR=${count(['error', 'fail', 'runtime error'])} SKIP=${count(['skipped'])} TOTAL=${results.length}`,
  );
  if (failed) logger.info('To re-run only what failed or was skipped: learnflow transform retry');
  return failed ? 1 : 0;
}
