/**
 * The pipeline's transform step: `learnflow transform build` on exactly the planned nodes (models,
 * seeds, snapshots and their tests, in DAG order), through the transform engine's task API, then its
 * run_results.json read back node by node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/logger';
import type { NodeResult } from '../transform/execute/node-result';
import type { Manifest } from '../transform/parse/manifest-types';
import type { TaskOptions } from '../transform/tasks/task-options';

export interface TransformStepResult {
  exitCode: number;
  results: NodeResult[];
}

const PROGRESS_LINE = /^\s*(\d+) of (\d+) (\S+) /;

/** A logger for the engine: its per-node lines become progress, the rest goes to debug. */
function engineLogger(logger: Logger, onNode: (done: number, total: number) => void): Logger {
  const wrap = (inner: Logger): Logger => ({
    debug: (m, f) => inner.debug(m, f),
    info: (m, f) => {
      const hit = PROGRESS_LINE.exec(m);
      if (hit) onNode(Number(hit[1]), Number(hit[2]));
      inner.debug(m, f);
    },
    warn: (m, f) => inner.warn(m, f),
    error: (m, f) => inner.error(m, f),
    child: (scope) => wrap(inner.child(scope)),
    addSecret: (v) => inner.addSecret(v),
    redact: (t) => inner.redact(t),
  });
  return wrap(logger);
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
  targetDir: string,
  onNode: (done: number, total: number) => void,
): Promise<TransformStepResult> {
  const { executeNodes } =
    require('../transform/tasks/execute-nodes') as typeof import('../transform/tasks/execute-nodes');
  const exitCode = await executeNodes({ ...opts, logger: engineLogger(opts.logger, onNode) }, 'build', only);
  const file = path.join(targetDir, 'run_results.json');
  const results = fs.existsSync(file)
    ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: NodeResult[] }).results ?? [])
    : [];
  return { exitCode, results };
}
