import path from 'node:path';
import { UsageError } from '../../common/errors';
import { readArtifact } from '../artifacts/write-artifact';
import { loadProject } from '../project/load-project';
import type { RunResultsArtifact } from '../artifacts/run-results';
import { executeNodes, type ExecutingCommand } from './execute-nodes';
import type { TaskOptions } from './task-options';

const RETRYABLE: ExecutingCommand[] = ['run', 'test', 'seed', 'snapshot', 'build'];

/** `retry`: repeat the previous command for the nodes that errored, failed or were skipped. */
export async function retryTask(opts: TaskOptions): Promise<number> {
  const targetDir = path.resolve(opts.projectDir, loadProject(opts.projectDir, (text) => text).targetPath);
  const previous = readArtifact<RunResultsArtifact>(targetDir, 'run_results.json');
  if (!previous) throw new UsageError(`nothing to retry: no run_results.json in ${targetDir}`);
  const which = String(previous.args.which ?? '') as ExecutingCommand;
  if (!RETRYABLE.includes(which))
    throw new UsageError(`the previous command (${which || 'unknown'}) cannot be retried`);
  const redo = new Set(
    previous.results
      .filter((r) => ['error', 'fail', 'skipped', 'runtime error'].includes(r.status))
      .map((r) => r.unique_id),
  );
  if (!redo.size) {
    opts.logger.info('nothing to retry: the previous run had no errors, failures or skips');
    return 0;
  }
  opts.logger.info(`Retrying ${redo.size} node${redo.size === 1 ? '' : 's'} of the previous '${which}'`);
  const args = previous.args;
  const same: TaskOptions = {
    ...opts,
    select: (args.select as string[] | undefined) ?? [],
    exclude: (args.exclude as string[] | undefined) ?? [],
    selector: (args.selector as string | null) ?? undefined,
    vars: opts.vars ?? (args.vars as string | null) ?? undefined,
    fullRefresh: opts.fullRefresh || Boolean(args.full_refresh),
    target: opts.target ?? (args.target as string | null) ?? undefined,
    threads: opts.threads ?? (args.threads as number | null) ?? undefined,
  };
  return executeNodes(same, which, redo);
}
