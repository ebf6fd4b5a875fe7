import type { NodeResult } from '../transform/execute/node-result';
import type { Manifest } from '../transform/parse/manifest-types';

export interface BuiltModel {
  schema: string;
  table: string;
  model: string;
}

export interface ResultSummary {
  /** Names of the nodes that errored or failed (models, seeds, error-severity tests). */
  failedNodes: string[];
  /** Models that built and whose error-severity tests all passed. */
  deliverable: BuiltModel[];
  /** Models that failed, were skipped, or failed an error-severity test: never delivered. */
  heldBack: BuiltModel[];
  /** The unique ids behind `heldBack` (and failed seeds or snapshots). */
  undeliverable: Set<string>;
}

/**
 * Read a build's results: a failing test (status `fail` or `error`; a warn-severity test reports `warn`)
 * holds back every node it tests; an errored node holds back itself; skipped nodes (downstream of a failure)
 * are held back too.
 */
export function summariseResults(manifest: Manifest, results: NodeResult[]): ResultSummary {
  const failedNodes: string[] = [];
  const undeliverable = new Set<string>();
  for (const r of results) {
    const n = manifest.nodes[r.unique_id];
    if (!n) continue;
    if (r.status === 'error' || r.status === 'fail' || r.status === 'runtime error') {
      failedNodes.push(n.name);
      if (n.resource_type === 'test') for (const parent of n.depends_on.nodes) undeliverable.add(parent);
      else undeliverable.add(n.unique_id);
    }
    if (r.status === 'skipped') undeliverable.add(r.unique_id);
  }
  const models = (ids: string[]): BuiltModel[] =>
    ids
      .map((id) => manifest.nodes[id])
      .filter((n) => n && n.resource_type === 'model')
      .map((n) => ({ schema: n.schema, table: n.alias, model: n.name }));
  const deliverable = models(
    results.filter((r) => r.status === 'success' && !undeliverable.has(r.unique_id)).map((r) => r.unique_id),
  );
  return { failedNodes, deliverable, heldBack: models([...undeliverable]), undeliverable };
}
