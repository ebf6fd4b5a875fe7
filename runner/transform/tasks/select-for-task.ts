import path from 'node:path';
import { UsageError } from '../../common/errors';
import { readArtifact } from '../artifacts/write-artifact';
import type { RunResultsArtifact } from '../artifacts/run-results';
import type { DependencyGraph } from '../graph/dependency-graph';
import { readSelectors, resolveSelector } from '../graph/resolve-selector';
import { selectNodes, type SelectionState } from '../graph/select-nodes';
import type { Manifest } from '../parse/manifest-types';
import type { ProjectSession } from '../parse/project-session';
import type { TaskOptions } from './task-options';

/** The nodes a command works on: --select / --exclude / --selector, with --state for state: and result:. */
export function selectForTask(
  session: ProjectSession,
  graph: DependencyGraph,
  opts: TaskOptions,
  resourceTypes: string[] | undefined,
): Set<string> {
  const state: SelectionState = {};
  const stateDir = opts.state ? path.resolve(opts.projectDir, opts.state) : undefined;
  if (stateDir) {
    state.previousManifest = readArtifact<Manifest>(stateDir, 'manifest.json');
    if (!state.previousManifest) throw new UsageError(`--state ${opts.state}: no manifest.json there`);
  }
  const results = readArtifact<RunResultsArtifact>(stateDir ?? session.targetDir, 'run_results.json');
  if (results) state.previousResults = results.results;
  let selected: Set<string>;
  if (opts.selector) {
    if (opts.select.length) throw new UsageError('--selector cannot be combined with --select');
    selected = resolveSelector(
      opts.selector,
      readSelectors(session.root.root),
      session.manifest,
      graph,
      state,
    );
    if (opts.exclude.length) {
      const ex = selectNodes(session.manifest, graph, {
        ...state,
        select: opts.exclude,
        exclude: [],
        indirectTests: false,
      });
      selected = new Set([...selected].filter((id) => !ex.has(id)));
    }
    // a selected node brings its tests (dbt's eager indirect selection); keep the command's resource types
    const types = resourceTypes ? new Set(resourceTypes) : undefined;
    const typeOf = (id: string) =>
      (session.manifest.nodes[id] ?? session.manifest.sources[id])?.resource_type;
    return new Set(
      [...selected, ...indirectTests(session.manifest, selected)].filter(
        (id) => !types || types.has(typeOf(id) ?? ''),
      ),
    );
  }
  return selectNodes(session.manifest, graph, {
    ...state,
    select: opts.select,
    exclude: opts.exclude,
    resourceTypes,
  });
}

function indirectTests(manifest: Manifest, selected: Set<string>): string[] {
  return Object.values(manifest.nodes)
    .filter((n) => n.resource_type === 'test' && n.depends_on.nodes.some((p) => selected.has(p)))
    .map((n) => n.unique_id);
}
