/**
 * The transform engine's structured events turned into pipeline events: `node_started`, `node_finished`
 * and `step_progress` (nodes done of planned, with an ETA from the nodes' durations in previous runs), every
 * result journaled first (so a kill right after still counts it as done).
 */
import type { NodeResult } from '../transform/execute/node-result';
import type { TransformEvents } from '../transform/execute/transform-events';
import type { Manifest } from '../transform/parse/manifest-types';
import type { PipelineReporter } from './pipeline-events';
import type { JournalWriter } from './transform-journal';

export interface TransformProgressOptions {
  step: string;
  manifest: Manifest;
  reporter: PipelineReporter;
  journal: JournalWriter;
  /** Seconds each node took the last time it ran (pipeline history). */
  previousSeconds: Map<string, number>;
  /** Nodes kept from the interrupted run: counted as done. */
  reused: number;
  /** Called with the count of nodes finished in this process (the crash hook). */
  afterNode?: (finished: number) => void;
}

/** Seconds the nodes left should take, run `threads` at a time; null without any history. */
export function estimateSeconds(
  left: Iterable<string>,
  previousSeconds: Map<string, number>,
  threads: number,
): number | null {
  if (!previousSeconds.size) return null;
  const known = [...previousSeconds.values()];
  const mean = known.reduce((a, s) => a + s, 0) / known.length;
  let total = 0;
  for (const id of left) total += previousSeconds.get(id) ?? mean;
  return Math.round((total / Math.max(1, threads)) * 10) / 10;
}

function rowsOf(r: NodeResult): number | null {
  if (r.failures !== null) return r.failures;
  const n = r.adapter_response.rows_affected;
  return typeof n === 'number' && r.status === 'success' ? n : null;
}

export function transformProgress(o: TransformProgressOptions): TransformEvents {
  const left = new Set<string>();
  let threads = 1;
  const about = (id: string) => {
    const n = o.manifest.nodes[id];
    return { node: id, name: n?.name ?? id, resource_type: n?.resource_type ?? 'unknown' };
  };
  return {
    planned: (order, t) => {
      threads = t;
      for (const id of order) left.add(id);
      o.reporter.emit({
        event: 'step_progress',
        step: o.step,
        done: o.reused,
        total: o.reused + order.length,
        unit: 'nodes',
        eta_seconds: estimateSeconds(left, o.previousSeconds, threads),
      });
    },
    nodeStarted: (id) => o.reporter.emit({ event: 'node_started', step: o.step, ...about(id) }),
    nodeFinished: (r, done, total) => {
      o.journal.record(r);
      left.delete(r.unique_id);
      o.reporter.emit({
        event: 'node_finished',
        step: o.step,
        ...about(r.unique_id),
        status: r.status,
        seconds: r.execution_time,
        rows: rowsOf(r),
        ...(r.message && r.status !== 'success' && r.status !== 'pass' ? { message: r.message } : {}),
      });
      o.reporter.emit({
        event: 'step_progress',
        step: o.step,
        done: o.reused + done,
        total: o.reused + total,
        unit: 'nodes',
        eta_seconds: estimateSeconds(left, o.previousSeconds, threads),
      });
      o.afterNode?.(done);
    },
  };
}
