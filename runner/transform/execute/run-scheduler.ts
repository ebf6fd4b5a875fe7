import type { ExecutionPlan } from './execution-plan';
import { isBlocking, skippedResult, type NodeResult } from './node-result';

export interface SchedulerOptions {
  threads: number;
  failFast: boolean;
  relationNameOf: (id: string) => string | null;
  /** Called once per finished node, in completion order (progress lines). */
  onResult?: (result: NodeResult, index: number, total: number) => void;
  /** Called when a node is handed to a thread. */
  onStart?: (id: string, thread: number) => void;
}

/**
 * Run the plan with up to `threads` nodes at once: a node starts when everything it waits for has
 * finished; a blocking failure skips every node downstream of it; with `failFast` nothing new starts
 * after the first failure.
 */
export async function runScheduled(
  plan: ExecutionPlan,
  runNode: (id: string, thread: number) => Promise<NodeResult>,
  opts: SchedulerOptions,
): Promise<NodeResult[]> {
  const results = new Map<string, NodeResult>();
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of plan.order) {
    waiting.set(id, plan.dependsOn[id].length);
    for (const d of plan.dependsOn[id]) {
      const list = children.get(d);
      if (list) list.push(id);
      else children.set(d, [id]);
    }
  }
  const ready = plan.order.filter((id) => waiting.get(id) === 0);
  const total = plan.order.length;
  let stopped = false;
  let finished = 0;
  const freeThreads = Array.from({ length: Math.max(1, opts.threads) }, (_, i) => i + 1).reverse();

  const record = (r: NodeResult) => {
    results.set(r.unique_id, r);
    finished++;
    opts.onResult?.(r, finished, total);
  };
  const release = (id: string, blocked: boolean, cause: string) => {
    for (const c of children.get(id) ?? []) {
      if (results.has(c)) continue;
      if (blocked) {
        record(skippedResult(c, opts.relationNameOf(c), `skipped: upstream ${cause} did not succeed`));
        release(c, true, cause);
        continue;
      }
      const left = waiting.get(c)! - 1;
      waiting.set(c, left);
      if (left === 0) ready.push(c);
    }
  };

  await new Promise<void>((resolve, reject) => {
    let running = 0;
    const pump = () => {
      while (!stopped && ready.length && freeThreads.length) {
        const id = ready.shift()!;
        if (results.has(id)) continue;
        const thread = freeThreads.pop()!;
        running++;
        opts.onStart?.(id, thread);
        runNode(id, thread).then(
          (r) => {
            running--;
            freeThreads.push(thread);
            record(r);
            const blocking = isBlocking(r.status);
            if (blocking && opts.failFast) stopped = true;
            release(id, blocking, id);
            pump();
          },
          (e) => {
            stopped = true;
            reject(e);
          },
        );
      }
      if (running === 0 && (stopped || !ready.length)) resolve();
    };
    pump();
  });
  for (const id of plan.order) {
    if (!results.has(id))
      record(skippedResult(id, opts.relationNameOf(id), 'skipped: --fail-fast stopped the run'));
  }
  return plan.order.map((id) => results.get(id)!);
}
