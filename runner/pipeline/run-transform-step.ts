/**
 * The pipeline's transform step: `learnflow transform build` on exactly the planned nodes (models,
 * seeds, snapshots and their tests, in DAG order), through the transform engine's task API. Progress and
 * results come from the engine's structured events (not from its log lines, nor from a run_results.json
 * another build could overwrite).
 */
import type { Logger } from '../common/logger';
import type { NodeResult } from '../transform/execute/node-result';
import type { TransformEvents } from '../transform/execute/transform-events';
import type { Manifest } from '../transform/parse/manifest-types';
import type { TaskOptions } from '../transform/tasks/task-options';

export interface TransformStepResult {
  exitCode: number;
  results: NodeResult[];
}

/** A logger for the engine: its per-node lines go to debug (the events carry the progress). */
function quietLogger(inner: Logger): Logger {
  return {
    debug: (m, f) => inner.debug(m, f),
    info: (m, f) => inner.debug(m, f),
    warn: (m, f) => inner.warn(m, f),
    error: (m, f) => inner.error(m, f),
    child: (scope) => quietLogger(inner.child(scope)),
    addSecret: (v) => inner.addSecret(v),
    redact: (t) => inner.redact(t),
  };
}

/** Parse the project (no database access) and give its manifest. */
export function loadManifest(opts: TaskOptions): { manifest: Manifest; targetDir: string } {
  const tasks =
    require('../transform/tasks/open-session') as typeof import('../transform/tasks/open-session');
  const { session } = tasks.openSession(opts, 'build', false);
  return { manifest: session.manifest, targetDir: session.targetDir };
}

export async function runTransformStep(
  opts: TaskOptions,
  only: Set<string>,
  events: TransformEvents,
): Promise<TransformStepResult> {
  const { executeNodes } =
    require('../transform/tasks/execute-nodes') as typeof import('../transform/tasks/execute-nodes');
  const results: NodeResult[] = [];
  const exitCode = await executeNodes({ ...opts, logger: quietLogger(opts.logger) }, 'build', only, {
    ...events,
    nodeFinished: (r, done, total) => {
      results.push(r);
      events.nodeFinished?.(r, done, total);
    },
  });
  return { exitCode, results };
}
