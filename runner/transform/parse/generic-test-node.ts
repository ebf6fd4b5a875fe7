import { CompilationError } from '../compile/compilation-error';
import type { RenderEnvironment } from '../context/dbt-context';
import type { NodeConfig } from '../materializations/materialization';
import { mergeConfig } from '../project/merge-config';
import type { ProjectFiles } from '../project/project-types';
import { didYouMean } from '../project/suggest-name';
import { finaliseConfig } from './finalise-config';
import { genericTestNames, md5 } from './generic-test-name';
import type { Manifest, ManifestNode } from './manifest-types';
import { defaultConfig } from './node-defaults';
import type { TestDeclaration } from './read-properties';
import type { TreeConfig } from './tree-config';

/** The manifest node of one generic test declared in YAML (dbt's names, `get_where_subquery` model argument). */
export function genericTestNode(
  decl: TestDeclaration,
  project: ProjectFiles,
  dirs: string[],
  manifest: Manifest,
  env: RenderEnvironment,
  testTree: TreeConfig,
): ManifestNode | null {
  let targetName: string;
  let modelExpr: string;
  let attached: string | null = null;
  const refs: ManifestNode['refs'] = [];
  const sources: [string, string][] = [];
  if (decl.target.kind === 'node') {
    const targetLabel = decl.target.name;
    const t = env.refs.findNode(decl.target.name, null, project.name);
    if (!t) {
      const disabled = Object.values(manifest.disabled)
        .flat()
        .some((n) => n.name === targetLabel);
      if (disabled) return null;
      throw new CompilationError(
        `tests are declared for '${targetLabel}' which is not a model, seed or snapshot${didYouMean(
          targetLabel,
          Object.values(manifest.nodes).map((n) => n.name),
        )}`,
        { where: decl.where },
      );
    }
    targetName = t.name;
    attached = t.unique_id;
    modelExpr = `{{ get_where_subquery(ref('${t.name}')) }}`;
    refs.push({ name: t.name, package: null, version: null });
  } else {
    const { source, table } = decl.target;
    if (!manifest.sources[`source.${project.name}.${source}.${table}`]) return null;
    targetName = `${source}_${table}`;
    modelExpr = `{{ get_where_subquery(source('${source}', '${table}')) }}`;
    sources.push([source, table]);
  }
  // arguments that name other relations (`to: ref('customers')`) become dependencies
  for (const v of Object.values(decl.args)) {
    if (typeof v !== 'string') continue;
    for (const m of v.matchAll(/\bref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?\)/g)) {
      refs.push(
        m[2] ? { name: m[2], package: m[1], version: null } : { name: m[1], package: null, version: null },
      );
    }
    for (const m of v.matchAll(/\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g))
      sources.push([m[1], m[2]]);
  }
  const names = genericTestNames(
    decl.testName,
    decl.namespace,
    targetName,
    decl.args,
    decl.target.kind === 'source',
  );
  const name = decl.customName ?? names.name;
  const alias = decl.customName ?? names.alias;
  const fqn = [project.name, ...dirs, name];
  let config = mergeConfig(defaultConfig('test'), testTree.resolve(fqn));
  config = mergeConfig(config, decl.config);
  const macroName = decl.namespace ? `${decl.namespace}.test_${decl.testName}` : `test_${decl.testName}`;
  const kwargs: Record<string, unknown> = { ...decl.args, model: modelExpr };
  const raw = `{{ ${macroName}(**_dbt_generic_test_kwargs) }}`;
  const hash = md5(`${name}${decl.file}${JSON.stringify(decl.args)}`).slice(0, 10);
  const node: ManifestNode = {
    unique_id: `test.${project.name}.${name}.${hash}`,
    resource_type: 'test',
    name,
    package_name: project.name,
    path: `${alias}.sql`,
    original_file_path: decl.file,
    fqn,
    database: null,
    schema: '',
    alias,
    raw_code: raw,
    language: 'sql',
    config: config as NodeConfig,
    tags: [],
    description: decl.description,
    meta: {},
    columns: {},
    depends_on: { nodes: [], macros: [`macro.${decl.namespace ?? 'dbt'}.test_${decl.testName}`] },
    refs,
    sources,
    checksum: { name: 'none', checksum: '' },
    relation_name: null,
    patch_path: null,
    compiled_path: null,
    contract: { enforced: false, alias_types: true, checksum: null },
    test_metadata: { name: decl.testName, kwargs, namespace: decl.namespace },
    column_name: decl.columnName,
    attached_node: attached,
  };
  finaliseConfig(node);
  return node;
}
