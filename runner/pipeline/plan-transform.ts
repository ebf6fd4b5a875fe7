/**
 * Which nodes of the transform project a pipeline run builds: everything downstream of the raw tables
 * that received new data, of seeds and models whose definition changed, minus everything downstream of a
 * raw table whose sync failed or that does not exist yet.
 */
import type { Manifest } from '../transform/parse/manifest-types';

export interface TransformPlanInput {
  manifest: Manifest;
  /** Source unique ids whose table changed since the transform last consumed it. */
  changedSources: Set<string>;
  /** Source unique ids that must not feed this run (failed sync, missing table). */
  blockedSources: Set<string>;
  /** Seed, model and snapshot ids whose checksum changed since they were last built. */
  changedNodes: Set<string>;
}

/** Every node reachable from `roots` through the manifest's child map, the roots included. */
export function downstreamOf(manifest: Manifest, roots: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop() as string;
    if (out.has(id)) continue;
    out.add(id);
    for (const child of manifest.child_map[id] ?? []) if (!out.has(child)) queue.push(child);
  }
  return out;
}

export function planTransform(input: TransformPlanInput): Set<string> {
  const { manifest } = input;
  const wanted = downstreamOf(manifest, [...input.changedSources, ...input.changedNodes]);
  const blocked = downstreamOf(manifest, input.blockedSources);
  const selected = new Set<string>();
  for (const id of wanted) if (!blocked.has(id) && manifest.nodes[id]) selected.add(id);
  return selected;
}
