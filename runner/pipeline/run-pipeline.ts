/**
 * `learnflow pipeline run`: the syncs of learnflow.yml (in parallel up to a limit; the destination
 * runs embedded, sharing the lakehouse's DuckDB instance, unless `pipeline.destination: process`), then the transform build of only what is downstream of
 * raw tables that received new data (and of seeds/models whose definition changed), then delivery of the
 * marts that changed and passed their tests. Every step is recorded in the lakehouse
 * (`learnflow.pipeline_runs` / `pipeline_steps`), so `--resume` continues a killed run from its last
 * completed step (a sync in progress resumes from the connector's committed state).
 */
import { LearnflowError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { LakehouseSettings, LoadedConfig } from '../config/learnflow-config';
import {
  DEFAULT_LAKEHOUSE,
  duckdbPath,
  openLakehouse,
  type LakehouseConnection,
} from '../lakehouse/lakehouse-connection';
import { ensureHistoryTables } from '../lakehouse/run-history';
import { runSync, type SyncResult } from '../sync/run-sync';
import type { ProgressReporter } from '../sync/sync-progress';
import type { NodeResult } from '../transform/execute/node-result';
import type { Manifest } from '../transform/parse/manifest-types';
import type { TaskOptions } from '../transform/tasks/task-options';
import { deliverChangedMarts } from './run-deliver-step';
import type { PipelineReporter, StepKind } from './pipeline-events';
import {
  ensurePipelineTables,
  insertPipelineRun,
  lastNodeRuns,
  nextRunId,
  previousDurations,
  readMarks,
  recordNodeRuns,
  resumableRun,
  stepsOf,
  updatePipelineRun,
  upsertStep,
  writeMarks,
  type StepRow,
  type StepStatus,
} from './pipeline-history';
import { syncParallelism, transformSettings } from './pipeline-settings';
import { downstreamOf, planTransform } from './plan-transform';
import { inputPrints, planResume } from './plan-resume';
import { loadManifest, runTransformStep } from './run-transform-step';
import { transformCrashHook } from './transform-crash-hook';
import {
  readTransformJournal,
  removeTransformJournal,
  startJournalAttempt,
  transformJournalFile,
} from './transform-journal';
import { transformProgress } from './transform-progress';
import { summariseResults } from './summarise-results';
import { tableFingerprint } from './table-fingerprint';

/** The pipeline could not run at all (bad selection, no connections). */
export class PipelineError extends LearnflowError {}

export interface PipelineOptions {
  loaded: LoadedConfig;
  logger: Logger;
  reporter: PipelineReporter;
  /** Connection names to run (default: every connection). */
  select?: string[];
  /** Continue the newest run if it did not finish. */
  resume?: boolean;
  /** Run every source's discover instead of reusing the catalog of its last discover. */
  refreshCatalog?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface PipelineResult {
  runId: number;
  status: 'succeeded' | 'failed';
  resumed: boolean;
  seconds: number;
  syncs: { connection: string; status: StepStatus; committed: number; reused: boolean; error?: string }[];
  /** Models built, with their row counts when known. */
  built: Record<string, number>;
  /** Nodes that failed (models, tests). */
  failedNodes: string[];
  transform: { status: StepStatus; message?: string };
  delivery: { status: StepStatus; message?: string; delivered: Record<string, number> };
}

const OK_NODE = new Set(['success', 'pass', 'warn']);
const SOURCE_MARKS = 'transform:sources';
const NODE_MARKS = 'transform:nodes';

function lakehouseOf(loaded: LoadedConfig): LakehouseSettings {
  return loaded.config.lakehouse ?? DEFAULT_LAKEHOUSE;
}

async function withLakehouse<T>(o: PipelineOptions, fn: (c: LakehouseConnection) => Promise<T>): Promise<T> {
  const c = await openLakehouse(lakehouseOf(o.loaded), { baseDir: o.loaded.dir, logger: o.logger });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

/** Run `fn` on every item, at most `limit` at a time. */
async function inPool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The options the transform engine gets: the Learn project on the lakehouse's own DuckDB file by default. */
export function transformTaskOptions(
  loaded: LoadedConfig,
  logger: Logger,
  env: NodeJS.ProcessEnv,
): TaskOptions {
  const s = transformSettings(loaded);
  const lake = lakehouseOf(loaded);
  const taskEnv = { ...env };
  if (lake.engine === 'duckdb' && !taskEnv.LEARNFLOW_DUCKDB_PATH)
    taskEnv.LEARNFLOW_DUCKDB_PATH = duckdbPath(lake, loaded.dir);
  return {
    projectDir: s.projectDir,
    profilesDir: s.profilesDir,
    target: s.target,
    vars: s.vars ? JSON.stringify(s.vars) : undefined,
    threads: s.threads,
    fullRefresh: false,
    failFast: false,
    select: [],
    exclude: [],
    env: taskEnv,
    logger,
    out: () => undefined,
    extra: {},
  };
}

export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  // With embedded destinations every step of the run uses one DuckDB instance of the lakehouse file
  // (sync bookkeeping, destinations, the transform's adapter, delivery): held open here, it is opened and
  // checkpointed on close once per run instead of once per step.
  const lake = lakehouseOf(o.loaded);
  const hold =
    lake.engine === 'duckdb' && syncParallelism(o.loaded).destinationMode === 'embedded'
      ? await openLakehouse(lake, { baseDir: o.loaded.dir, logger: o.logger })
      : undefined;
  try {
    return await runPipelineSteps(o);
  } finally {
    await hold?.close();
  }
}

async function runPipelineSteps(o: PipelineOptions): Promise<PipelineResult> {
  const { loaded, logger, reporter } = o;
  const env = o.env ?? process.env;
  for (const s of loaded.secrets) logger.addSecret(s);
  const all = Object.keys(loaded.config.connections ?? {});
  const select = (o.select ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = select.filter((s) => !all.includes(s));
  if (unknown.length)
    throw new PipelineError(`no connection named ${unknown.map((u) => `'${u}'`).join(', ')}`, {
      where: loaded.file,
      hint: `connections: ${all.join(', ') || '(none)'}`,
    });
  const connections = select.length ? all.filter((c) => select.includes(c)) : all;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();

  // Bookkeeping: a new run, or the unfinished one being resumed (its finished steps are kept).
  const setup = await withLakehouse(o, async (c) => {
    await ensureHistoryTables(c);
    await ensurePipelineTables(c);
    const durations = await previousDurations(c);
    const prior = o.resume ? await resumableRun(c) : undefined;
    if (prior) {
      const runId = Number(prior.run_id);
      const steps = await stepsOf(c, runId);
      const resumes = Number(prior.resumes ?? 0) + 1;
      await updatePipelineRun(c, {
        runId,
        startedAt: String(prior.started_at),
        status: 'running',
        selection: String(prior.selection),
        resumes,
      });
      return { runId, durations, steps, resumes, selection: String(prior.selection) };
    }
    const runId = await nextRunId(c);
    await insertPipelineRun(c, {
      runId,
      startedAt,
      status: 'running',
      selection: connections.join(','),
      resumes: 0,
    });
    return {
      runId,
      durations,
      steps: [] as Record<string, unknown>[],
      resumes: 0,
      selection: connections.join(','),
    };
  });
  const { runId, durations } = setup;
  const resumed = o.resume === true && setup.resumes > 0;
  if (o.resume && !resumed)
    logger.info('nothing to resume: the last pipeline run finished; starting a new run');
  const runConnections =
    resumed && setup.selection ? setup.selection.split(',').filter((c) => all.includes(c)) : connections;
  const done = new Map<string, Record<string, unknown>>();
  for (const s of setup.steps) if (s.status === 'succeeded') done.set(String(s.step), s);

  const stepNames = [...runConnections.map((c) => `sync:${c}`), 'transform', 'deliver'];
  const etaOf = (step: string) => durations.get(step) ?? null;
  const { destinationMode, limit } = syncParallelism(loaded);
  // The syncs run side by side: their share of the ETA is their total spread over the parallel slots.
  const slots = Math.max(1, Math.min(limit, runConnections.length));
  const totalEta = stepNames.every((s) => durations.has(s))
    ? stepNames.reduce((a, s) => a + (durations.get(s) ?? 0) / (s.startsWith('sync:') ? slots : 1), 0)
    : null;
  reporter.emit({
    event: 'pipeline_started',
    run_id: runId,
    resumed,
    steps: stepNames,
    eta_seconds: totalEta,
    previous_seconds: Object.fromEntries(
      stepNames.filter((st) => durations.has(st)).map((st) => [st, durations.get(st) as number]),
    ),
  });

  const record = (row: Omit<StepRow, 'runId'>) => withLakehouse(o, (c) => upsertStep(c, { runId, ...row }));
  const finishStep = async (
    step: string,
    kind: StepKind,
    stepStarted: number,
    status: Exclude<StepStatus, 'running'>,
    rows: number,
    detail: Record<string, unknown>,
    extra: { message?: string; error?: string } = {},
  ) => {
    await record({
      step,
      kind,
      startedAt: new Date(stepStarted).toISOString(),
      endedAt: new Date().toISOString(),
      status,
      rows,
      detail: { ...detail, ...(extra.message ? { message: extra.message } : {}) },
      error: extra.error ? logger.redact(extra.error) : null,
    });
    reporter.emit({
      event: 'step_finished',
      step,
      kind,
      status,
      rows,
      seconds: (Date.now() - stepStarted) / 1000,
      ...(extra.message ? { message: extra.message } : {}),
      ...(extra.error ? { error: logger.redact(extra.error) } : {}),
    });
  };

  // 1. Syncs.
  const lake = lakehouseOf(loaded);
  // Embedded destinations and the bookkeeping share one open lakehouse for the whole sync phase.
  const syncLakehouse =
    destinationMode === 'embedded' && runConnections.some((c) => !done.has(`sync:${c}`))
      ? await openLakehouse(lake, { baseDir: loaded.dir, logger })
      : undefined;
  const syncs: PipelineResult['syncs'] = [];
  // Ctrl-C / SIGTERM: the sync under way stops at its last commit (runSync), no further step starts, and
  // the run stays resumable.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!interrupted) logger.warn(`${signal}: stopping after the current step; continue with --resume`);
    interrupted = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const syncPhase = inPool(runConnections, limit, async (connection) => {
      if (interrupted) return;
      const step = `sync:${connection}`;
      const prev = done.get(step);
      if (prev) {
        const committed = Number(prev.rows_count ?? 0);
        syncs.push({ connection, status: 'succeeded', committed, reused: true });
        reporter.emit({
          event: 'step_finished',
          step,
          kind: 'sync',
          status: 'succeeded',
          rows: committed,
          seconds: 0,
          reused: true,
        });
        return;
      }
      const t0 = Date.now();
      reporter.emit({ event: 'step_started', step, kind: 'sync', eta_seconds: etaOf(step) });
      await record({
        step,
        kind: 'sync',
        startedAt: new Date(t0).toISOString(),
        status: 'running',
        rows: 0,
        detail: {},
      });
      const counts = new Map<string, { read: number; committed: number; estimate?: number }>();
      const emitProgress = () => {
        let read = 0;
        let committed = 0;
        let estimate = 0;
        let known = true;
        for (const v of counts.values()) {
          read += v.read;
          committed += v.committed;
          if (v.estimate === undefined) known = false;
          else estimate += v.estimate;
        }
        reporter.emit({
          event: 'step_progress',
          step,
          done: read,
          committed,
          unit: 'records',
          ...(known && counts.size ? { total: estimate } : {}),
        });
      };
      const progress: ProgressReporter = {
        started: (info) => {
          for (const s of info.streams) counts.set(s, { read: 0, committed: 0 });
        },
        update: (p) => {
          counts.set(p.stream, { read: p.read, committed: p.committed, estimate: p.estimate });
          emitProgress();
        },
        streamStatus: () => undefined,
        finished: () => undefined,
      };
      let result: SyncResult | undefined;
      let error: string | undefined;
      try {
        result = await runSync({
          loaded,
          connection,
          logger: logger.child(`sync:${connection}`),
          progress,
          destinationMode,
          lakehouse: syncLakehouse,
          refreshCatalog: o.refreshCatalog,
        });
        if (result.status !== 'succeeded') error = result.error ?? 'the sync failed';
      } catch (e) {
        error = e instanceof LearnflowError ? e.describe() : (e as Error).message;
      }
      const committed = result?.recordsCommitted ?? 0;
      const detail = {
        sync_id: result?.syncId ?? null,
        records_read: result?.recordsRead ?? 0,
        records_rejected: result?.recordsRejected ?? 0,
        streams: Object.fromEntries((result?.streams ?? []).map((s) => [s.stream, s.committed])),
      };
      await finishStep(step, 'sync', t0, error ? 'failed' : 'succeeded', committed, detail, { error });
      syncs.push({
        connection,
        status: error ? 'failed' : 'succeeded',
        committed,
        reused: false,
        ...(error ? { error: logger.redact(error) } : {}),
      });
    });
    try {
      await syncPhase;
    } finally {
      // The sync phase's bookkeeping connection (a DuckDB file stays open through `runPipeline`'s lease).
      await syncLakehouse?.close();
    }
    const failedConnections = new Set(syncs.filter((s) => s.status === 'failed').map((s) => s.connection));
    const okConnections = new Set(syncs.filter((s) => s.status === 'succeeded').map((s) => s.connection));

    // 2. Transform: only what is downstream of new data.
    const stopped = (): TransformOutcome => ({
      status: 'skipped',
      message: `interrupted by ${interrupted}`,
      built: {},
      failedNodes: [],
      deliverable: [],
      heldBack: [],
    });
    const transform = interrupted
      ? stopped()
      : await transformStage(o, env, {
          runId,
          resumed,
          okConnections,
          failedConnections,
          done: done.get('transform'),
          etaOf,
          finishStep,
          record,
        });

    // 3. Delivery of the marts that changed and passed their tests.
    const delivery = interrupted
      ? { status: 'skipped' as const, message: `interrupted by ${interrupted}`, delivered: {} }
      : await deliverStage(o, env, transform, {
          done: done.get('deliver'),
          etaOf,
          finishStep,
          record,
        });

    const failed =
      interrupted !== undefined ||
      failedConnections.size > 0 ||
      transform.status === 'failed' ||
      delivery.status === 'failed';
    const status = failed ? 'failed' : 'succeeded';
    const seconds = (Date.now() - started) / 1000;
    await withLakehouse(o, (c) =>
      updatePipelineRun(c, {
        runId,
        startedAt,
        endedAt: new Date().toISOString(),
        status,
        selection: setup.selection,
        resumes: setup.resumes,
        error: failed
          ? [...failedConnections]
              .map((c) => `sync:${c} failed`)
              .concat(
                interrupted ? [`interrupted by ${interrupted}`] : [],
                transform.status === 'failed' ? ['transform failed'] : [],
                delivery.status === 'failed' ? ['deliver failed'] : [],
              )
              .join('; ')
          : null,
      }),
    );
    reporter.emit({
      event: 'pipeline_finished',
      run_id: runId,
      status,
      seconds,
      synced: Object.fromEntries(syncs.map((s) => [s.connection, s.committed])),
      built: transform.built,
      delivered: delivery.delivered,
    });
    return {
      runId,
      status,
      resumed,
      seconds,
      syncs: [...syncs].sort(
        (a, b) => runConnections.indexOf(a.connection) - runConnections.indexOf(b.connection),
      ),
      built: transform.built,
      failedNodes: transform.failedNodes,
      transform: { status: transform.status, message: transform.message },
      delivery,
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

type FinishStep = (
  step: string,
  kind: StepKind,
  stepStarted: number,
  status: Exclude<StepStatus, 'running'>,
  rows: number,
  detail: Record<string, unknown>,
  extra?: { message?: string; error?: string },
) => Promise<void>;

interface StageContext {
  done?: Record<string, unknown>;
  etaOf: (step: string) => number | null;
  finishStep: FinishStep;
  record: (row: Omit<StepRow, 'runId'>) => Promise<void>;
}

export interface TransformOutcome {
  status: StepStatus;
  message?: string;
  built: Record<string, number>;
  failedNodes: string[];
  /** Relations (schema.table) of models built successfully whose error-severity tests all passed. */
  deliverable: { schema: string; table: string; model: string }[];
  /** Models that failed, were skipped or failed an error-severity test: never delivered. */
  heldBack: { schema: string; table: string; model: string }[];
  /** Where the project builds the Learn tables (the schema of its `learning_resource` model). */
  martsSchema?: string;
}

async function transformStage(
  o: PipelineOptions,
  env: NodeJS.ProcessEnv,
  ctx: StageContext & {
    okConnections: Set<string>;
    failedConnections: Set<string>;
    runId: number;
    /** A resumed run: keep what the interrupted transform already built (its journal). */
    resumed: boolean;
  },
): Promise<TransformOutcome> {
  const step = 'transform';
  const { loaded, logger, reporter } = o;
  if (ctx.done) {
    const d = JSON.parse(String(ctx.done.detail ?? '{}')) as Partial<TransformOutcome>;
    reporter.emit({
      event: 'step_finished',
      step,
      kind: 'transform',
      status: 'succeeded',
      rows: Number(ctx.done.rows_count ?? 0),
      seconds: 0,
      reused: true,
    });
    return {
      status: 'succeeded',
      built: d.built ?? {},
      failedNodes: d.failedNodes ?? [],
      deliverable: d.deliverable ?? [],
      heldBack: [],
      ...(d.martsSchema ? { martsSchema: d.martsSchema } : {}),
    };
  }
  const t0 = Date.now();
  reporter.emit({ event: 'step_started', step, kind: 'transform', eta_seconds: ctx.etaOf(step) });
  await ctx.record({
    step,
    kind: 'transform',
    startedAt: new Date(t0).toISOString(),
    status: 'running',
    rows: 0,
    detail: {},
  });
  const tlog = logger.child('transform');
  try {
    const opts = transformTaskOptions(loaded, tlog, env);
    const { manifest } = loadManifest(opts);
    const martsSchema = Object.values(manifest.nodes).find(
      (n) => n.resource_type === 'model' && n.alias === 'learning_resource',
    )?.schema;
    const connections = loaded.config.connections ?? {};
    const sourceNameOf = (c: string) => connections[c]?.source_name ?? c;
    const prefixOf = (c: string) => `raw__${sourceNameOf(c)}__`.toLowerCase();
    const ok = [...ctx.okConnections].map(prefixOf);
    const failed = [...ctx.failedConnections].map(prefixOf);

    const changedSources = new Set<string>();
    const blockedSources = new Set<string>();
    const sourcePrints = new Map<string, string>();
    const changedNodes = new Set<string>();
    const nodePrints = new Map<string, string>();
    const previousSeconds = new Map<string, number>();
    await withLakehouse(o, async (c) => {
      for (const r of await lastNodeRuns(c)) previousSeconds.set(String(r.unique_id), Number(r.seconds));
      const marks = await readMarks(c, SOURCE_MARKS);
      for (const src of Object.values(manifest.sources)) {
        const ident = src.identifier.toLowerCase();
        if (failed.some((p) => ident.startsWith(p))) {
          blockedSources.add(src.unique_id);
          continue;
        }
        const print = await tableFingerprint(c, src.schema, src.identifier);
        if (print === null) {
          blockedSources.add(src.unique_id);
          continue;
        }
        sourcePrints.set(src.unique_id, print);
        if (ok.some((p) => ident.startsWith(p)) && marks.get(src.unique_id) !== print)
          changedSources.add(src.unique_id);
      }
      const nodeMarks = await readMarks(c, NODE_MARKS);
      for (const n of Object.values(manifest.nodes)) {
        if (!['model', 'seed', 'snapshot'].includes(n.resource_type)) continue;
        const print = `${n.checksum.checksum}:${n.schema}.${n.alias}`;
        nodePrints.set(n.unique_id, print);
        if (nodeMarks.get(n.unique_id) !== print) changedNodes.add(n.unique_id);
      }
    });
    const only = planTransform({ manifest, changedSources, blockedSources, changedNodes });
    const buildable = [...only].filter((id) => manifest.nodes[id]?.resource_type !== 'test');
    const journalFile = transformJournalFile(loaded.dir, ctx.runId);
    if (!buildable.length) {
      removeTransformJournal(journalFile);
      const message =
        blockedSources.size && !changedSources.size && ctx.failedConnections.size
          ? 'nothing to build: the syncs that failed feed the rest'
          : 'no new data upstream: nothing to build';
      await ctx.finishStep(
        step,
        'transform',
        t0,
        'skipped',
        0,
        { built: {}, failedNodes: [], deliverable: [], martsSchema },
        { message },
      );
      return {
        status: 'skipped',
        message,
        built: {},
        failedNodes: [],
        deliverable: [],
        heldBack: [],
        martsSchema,
      };
    }
    // --resume: keep the nodes the interrupted attempts already built (and whose inputs are unchanged)
    const prints = inputPrints(manifest, sourcePrints, nodePrints);
    const { reused, remaining } = planResume(
      manifest,
      only,
      ctx.resumed ? readTransformJournal(journalFile, ctx.runId) : [],
      prints,
    );
    const journal = startJournalAttempt(journalFile, ctx.runId, prints, !ctx.resumed);
    for (const r of reused.values()) {
      const n = manifest.nodes[r.unique_id];
      reporter.emit({
        event: 'node_finished',
        step,
        node: r.unique_id,
        name: n.name,
        resource_type: n.resource_type,
        status: r.status,
        seconds: 0,
        rows: null,
        reused: true,
      });
    }
    if (reused.size) tlog.info(`${reused.size} node(s) done in the interrupted run: not run again`);
    reporter.emit({ event: 'step_progress', step, done: reused.size, total: only.size, unit: 'nodes' });
    const events = transformProgress({
      step,
      manifest,
      reporter,
      journal,
      previousSeconds,
      reused: reused.size,
      afterNode: transformCrashHook(env),
    });
    const runnable = [...remaining].some((id) => manifest.nodes[id]?.config.materialized !== 'ephemeral');
    const fresh = runnable ? (await runTransformStep(opts, remaining, events)).results : [];
    const results = [...reused.values(), ...fresh];
    const summary = summariseResults(manifest, results);
    const outcome: TransformOutcome = { status: 'succeeded', built: {}, ...summary };
    // Marks: a source table is consumed once everything built from it succeeded; a node once it built.
    const byId = new Map(results.map((r) => [r.unique_id, r]));
    const consumedSources = new Map<string, string>();
    for (const id of changedSources) {
      const below = [...downstreamOf(manifest, [id])].filter((n) => only.has(n));
      if (below.every((n) => OK_NODE.has(byId.get(n)?.status ?? 'success')))
        consumedSources.set(id, sourcePrints.get(id) as string);
    }
    const builtNodes = new Map<string, string>();
    // a node is consumed only when it built and its error-severity tests passed; otherwise the next
    // run builds it again (and holds it back from delivery again until it passes)
    for (const r of results)
      if (nodePrints.has(r.unique_id) && OK_NODE.has(r.status) && !summary.undeliverable.has(r.unique_id))
        builtNodes.set(r.unique_id, nodePrints.get(r.unique_id) as string);
    const built = await withLakehouse(o, async (c) => {
      await writeMarks(c, SOURCE_MARKS, consumedSources);
      await writeMarks(c, NODE_MARKS, builtNodes);
      const counts = await rowCounts(c, manifest, results);
      await recordNodeRuns(
        c,
        ctx.runId,
        results
          .filter((r) => manifest.nodes[r.unique_id])
          .map((r) => {
            const n = manifest.nodes[r.unique_id];
            return {
              uniqueId: r.unique_id,
              name: n.name,
              resourceType: n.resource_type,
              status: r.status,
              rows: counts[`${n.schema}.${n.alias}`] ?? r.failures ?? null,
              seconds: r.execution_time,
              message: r.message ? logger.redact(r.message).slice(0, 2000) : null,
            };
          }),
      );
      return counts;
    });
    outcome.built = built;
    const rows = Object.values(built).reduce((a, n) => a + n, 0);
    const status = outcome.failedNodes.length ? 'failed' : 'succeeded';
    const message =
      `${Object.keys(built).length} model(s) built, ${results.filter((r) => manifest.nodes[r.unique_id]?.resource_type === 'test').length} test(s)` +
      (reused.size ? ` (${reused.size} node(s) kept from the interrupted run)` : '') +
      (outcome.failedNodes.length
        ? `, ${outcome.failedNodes.length} failed: ${outcome.failedNodes.slice(0, 5).join(', ')}`
        : '');
    await ctx.finishStep(
      step,
      'transform',
      t0,
      status,
      rows,
      {
        built,
        failedNodes: outcome.failedNodes,
        deliverable: outcome.deliverable,
        martsSchema,
        ...(reused.size ? { reused: [...reused.keys()] } : {}),
      },
      { message, ...(status === 'failed' ? { error: message } : {}) },
    );
    // a failed step keeps its journal: a --resume retries only what failed
    if (status === 'succeeded') removeTransformJournal(journalFile);
    return { ...outcome, status, message, martsSchema };
  } catch (e) {
    const error = e instanceof LearnflowError ? e.describe() : (e as Error).message;
    await ctx.finishStep(step, 'transform', t0, 'failed', 0, {}, { error });
    return {
      status: 'failed',
      message: logger.redact(error),
      built: {},
      failedNodes: [],
      deliverable: [],
      heldBack: [],
    };
  }
}

async function rowCounts(
  c: LakehouseConnection,
  manifest: Manifest,
  results: NodeResult[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const n = manifest.nodes[r.unique_id];
    if (!n || n.resource_type !== 'model' || r.status !== 'success') continue;
    if (n.config.materialized === 'ephemeral') continue;
    try {
      const [row] = await c.query(`SELECT count(*) AS n FROM ${c.quote(n.schema)}.${c.quote(n.alias)}`);
      out[`${n.schema}.${n.alias}`] = Number(row?.n ?? 0);
    } catch (_e) {
      // a model on another target than the lakehouse: no count here
    }
  }
  return out;
}

async function deliverStage(
  o: PipelineOptions,
  env: NodeJS.ProcessEnv,
  transform: TransformOutcome,
  ctx: StageContext,
): Promise<PipelineResult['delivery']> {
  const step = 'deliver';
  const { reporter, loaded, logger } = o;
  if (ctx.done) {
    reporter.emit({
      event: 'step_finished',
      step,
      kind: 'deliver',
      status: 'succeeded',
      rows: Number(ctx.done.rows_count ?? 0),
      seconds: 0,
      reused: true,
    });
    const d = JSON.parse(String(ctx.done.detail ?? '{}')) as { delivered?: Record<string, number> };
    return { status: 'succeeded', delivered: d.delivered ?? {} };
  }
  const t0 = Date.now();
  const settings = (loaded.config.deliver ?? {}) as Record<string, unknown> & { marts_schema?: string };
  const targets = ['postgres', 'opensearch', 'webhook'].filter((t) => settings[t] !== undefined);
  const skip = async (message: string) => {
    await ctx.finishStep(step, 'deliver', t0, 'skipped', 0, { delivered: {} }, { message });
    return { status: 'skipped' as const, message, delivered: {} };
  };
  if (!targets.length) return skip('no deliver target configured (add deliver: to learnflow.yml)');
  // deliver.marts_schema, else where the project builds its learning_resource model, else `marts`.
  const martsSchema = settings.marts_schema ?? transform.martsSchema ?? 'marts';
  const heldBack = transform.heldBack.filter((m) => m.schema.toLowerCase() === martsSchema.toLowerCase());
  if (heldBack.length)
    return skip(
      `held back: ${heldBack.map((m) => m.model).join(', ')} failed or failed an error-severity test`,
    );
  if (transform.status === 'failed' && !transform.failedNodes.length)
    return skip('the transform failed: nothing to deliver');
  reporter.emit({
    event: 'step_started',
    step,
    kind: 'deliver',
    eta_seconds: ctx.etaOf(step),
    total: targets.length,
  });
  await ctx.record({
    step,
    kind: 'deliver',
    startedAt: new Date(t0).toISOString(),
    status: 'running',
    rows: 0,
    detail: {},
  });
  const outcomes = await withLakehouse(o, (lakehouse) =>
    deliverChangedMarts({
      lakehouse,
      settings: { ...settings, marts_schema: martsSchema },
      targets,
      martsSchema,
      logger: logger.child('deliver'),
      env,
      onTarget: (done, total) => reporter.emit({ event: 'step_progress', step, done, total, unit: 'tables' }),
    }),
  );
  const delivered: Record<string, number> = {};
  for (const t of outcomes)
    for (const [name, n] of Object.entries(t.written)) delivered[`${t.target}:${name}`] = n;
  const rows = outcomes.reduce((a, t) => a + t.total, 0);
  const failed = outcomes.filter((t) => t.status === 'failed');
  const allSkipped = outcomes.every((t) => t.status === 'skipped');
  const message = outcomes
    .map(
      (t) =>
        `${t.target}: ${t.status === 'skipped' ? t.message : t.status === 'failed' ? `failed: ${t.error ?? 'unknown error'}` : `${t.total} written`}`,
    )
    .join('; ');
  const status = failed.length ? 'failed' : allSkipped ? 'skipped' : 'succeeded';
  await ctx.finishStep(
    step,
    'deliver',
    t0,
    status,
    rows,
    { delivered, targets: outcomes },
    {
      message,
      ...(failed.length ? { error: failed.map((t) => `${t.target}: ${t.error}`).join('; ') } : {}),
    },
  );
  return { status, message, delivered };
}
