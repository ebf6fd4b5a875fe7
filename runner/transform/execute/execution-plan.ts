import type { Manifest } from '../parse/manifest-types';
import type { DependencyGraph } from '../graph/dependency-graph';

/** A serialisable plan: the selected nodes in a valid order, each with the selected nodes it waits for. */
export interface ExecutionPlan {
  order: string[];
  dependsOn: Record<string, string[]>;
}

/**
 * Order the selected nodes by the full graph (dependencies through unselected nodes still count). In
 * `build`, a data test also runs before the children of the nodes it tests, so a failing test stops
 * them; the edge is only added when every parent of the test is upstream of that child (no cycles).
 */
export function buildExecutionPlan(
  manifest: Manifest,
  graph: DependencyGraph,
  selected: Set<string>,
  testsBlockChildren: boolean,
): ExecutionPlan {
  const order = graph.topologicalOrder().filter((id) => selected.has(id));
  const dependsOn: Record<string, string[]> = {};
  const memo = new Map<string, Set<string>>();
  // nearest selected ancestors of a node, looking through unselected ones
  const selectedUpstream = (id: string): Set<string> => {
    const cached = memo.get(id);
    if (cached) return cached;
    const out = new Set<string>();
    for (const p of graph.parents.get(id) ?? []) {
      if (selected.has(p)) out.add(p);
      else for (const x of selectedUpstream(p)) out.add(x);
    }
    memo.set(id, out);
    return out;
  };
  for (const id of order) dependsOn[id] = [...selectedUpstream(id)].sort();
  if (testsBlockChildren) {
    const ancestorCache = new Map<string, Set<string>>();
    const ancestors = (id: string) => {
      let a = ancestorCache.get(id);
      if (!a) {
        a = graph.ancestors(id);
        ancestorCache.set(id, a);
      }
      return a;
    };
    for (const testId of order) {
      const test = manifest.nodes[testId];
      if (!test || test.resource_type !== 'test') continue;
      const parents = test.depends_on.nodes;
      for (const p of parents) {
        for (const child of graph.children.get(p) ?? []) {
          if (child === testId || !selected.has(child)) continue;
          if (manifest.nodes[child]?.resource_type === 'test') continue;
          const up = ancestors(child);
          if (!parents.every((q) => up.has(q))) continue;
          if (!dependsOn[child].includes(testId)) dependsOn[child].push(testId);
        }
      }
    }
    // tests now come before some children: re-order so every node follows what it waits for
    const placed = new Set<string>();
    const out: string[] = [];
    const visit = (id: string) => {
      if (placed.has(id)) return;
      placed.add(id);
      for (const d of dependsOn[id]) visit(d);
      out.push(id);
    };
    for (const id of order) visit(id);
    return { order: out, dependsOn };
  }
  return { order, dependsOn };
}
