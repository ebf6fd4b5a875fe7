import type { Manifest, ManifestNode, ResourceType } from '../../../runner/transform/parse/manifest-types';

/** A manifest with one node per id of `parents` (`<type>.<package>.<name>`), for graph and selection tests. */
export function manifestOf(
  parents: Record<string, string[]>,
  extra: Record<string, Partial<ManifestNode>> = {},
): Manifest {
  const nodes: Record<string, ManifestNode> = {};
  for (const [id, deps] of Object.entries(parents)) {
    const [type, pkg, name] = id.split('.');
    nodes[id] = {
      unique_id: id,
      resource_type: type as ResourceType,
      name,
      package_name: pkg,
      path: `${name}.sql`,
      original_file_path: `${type === 'seed' ? 'seeds' : 'models'}/${name}.sql`,
      fqn: [pkg, name],
      database: null,
      schema: 'main',
      alias: name,
      raw_code: '',
      language: 'sql',
      config: { materialized: type === 'model' ? 'view' : type },
      tags: [],
      description: '',
      meta: {},
      columns: {},
      depends_on: { nodes: deps, macros: [] },
      refs: [],
      sources: [],
      checksum: { name: 'sha256', checksum: id },
      relation_name: null,
      patch_path: null,
      compiled_path: null,
      contract: { enforced: false, alias_types: true, checksum: null },
      ...extra[id],
    };
  }
  const childMap: Record<string, string[]> = {};
  for (const id of Object.keys(parents)) childMap[id] = [];
  for (const [id, deps] of Object.entries(parents)) for (const d of deps) childMap[d]?.push(id);
  return {
    metadata: {} as Manifest['metadata'],
    nodes,
    sources: {},
    macros: {},
    docs: {},
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: parents,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}
