/**
 * What a resumed transform step can keep from the interrupted attempts of the same pipeline run (dbt's
 * `retry`, made safe for a run that was killed): a model, seed or snapshot that succeeded, or a test that
 * passed, is kept only when
 * - its own definition is the one it was run with,
 * - every raw table it reads (directly or through ephemeral models) has the fingerprint it had then,
 * - every planned parent is kept too and was built no later than it (a parent rebuilt after it, or being
 *   rebuilt now, makes it stale).
 * Everything else in the plan runs again: failed, skipped and never-started nodes, and everything below a
 * node that runs again; a test runs again whenever a model it tests does.
 */
import type { NodeResult } from '../transform/execute/node-result';
import type { Manifest } from '../transform/parse/manifest-types';
import type { JournalAttempt } from './transform-journal';

export interface ResumePlan {
  /** Nodes kept, with the result they had in the interrupted run. */
  reused: Map<string, NodeResult>;
  /** Planned nodes that run (again). */
  remaining: Set<string>;
}

/** The fingerprint of every input the journal compares: raw tables, and node definitions with relations. */
export function inputPrints(
  manifest: Manifest,
  sourcePrints: Map<string, string>,
  nodePrints: Map<string, string>,
): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(sourcePrints);
  for (const [id, print] of nodePrints) out[id] = print;
  for (const n of Object.values(manifest.nodes))
    if (n.resource_type === 'test') out[n.unique_id] = `${n.checksum.checksum}`;
  return out;
}

const KEPT: Record<string, string[]> = {
  model: ['success'],
  seed: ['success'],
  snapshot: ['success'],
  test: ['pass', 'warn'],
};

export function planResume(
  manifest: Manifest,
  only: Set<string>,
  attempts: JournalAttempt[],
  prints: Record<string, string>,
): ResumePlan {
  const latest = new Map<string, { k: number; result: NodeResult }>();
  attempts.forEach((a, k) => {
    for (const r of a.results) latest.set(r.unique_id, { k, result: r });
  });
  const memo = new Map<string, boolean>();

  // the inputs of `id` are as they were in attempt k
  const inputsSame = (id: string, k: number, seen: Set<string>): boolean => {
    for (const p of manifest.nodes[id]?.depends_on.nodes ?? []) {
      if (manifest.sources[p]) {
        if (attempts[k].prints[p] !== prints[p]) return false;
        continue;
      }
      const parent = manifest.nodes[p];
      if (!parent) continue;
      if (parent.resource_type === 'model' && parent.config.materialized === 'ephemeral') {
        if (seen.has(p)) continue;
        seen.add(p);
        if (attempts[k].prints[p] !== prints[p] || !inputsSame(p, k, seen)) return false;
        continue;
      }
      if (!only.has(p)) continue; // not rebuilt in this run
      if (!kept(p) || (latest.get(p)?.k ?? Infinity) > k) return false;
    }
    return true;
  };

  const kept = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false); // a cycle (never in a valid DAG) keeps nothing
    const n = manifest.nodes[id];
    const hit = latest.get(id);
    const ok =
      !!n &&
      !!hit &&
      (KEPT[n.resource_type] ?? []).includes(hit.result.status) &&
      attempts[hit.k].prints[id] === prints[id] &&
      inputsSame(id, hit.k, new Set());
    memo.set(id, ok);
    return ok;
  };

  const reused = new Map<string, NodeResult>();
  const remaining = new Set<string>();
  for (const id of only) {
    if (kept(id)) reused.set(id, (latest.get(id) as { result: NodeResult }).result);
    else remaining.add(id);
  }
  return { reused, remaining };
}
