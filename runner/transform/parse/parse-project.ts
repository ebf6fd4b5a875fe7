/**
 * Parse: project files in, manifest out. Pure apart from reading the project's files: no database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ConfigError, LearnflowError } from '../../common/errors';
import { CompilationError } from '../compile/compilation-error';
import { dbtContext, type ParseCapture, type RenderEnvironment } from '../context/dbt-context';
import { RefIndex } from '../context/ref-index';
import { relationValue } from '../context/relation-value';
import type { MacroFile, TemplatePort } from '../context/template-port';
import { VarResolver } from '../context/var-resolver';
import { DependencyGraph } from '../graph/dependency-graph';
import { checkConfigKeys } from '../project/config-keys';
import { findFiles, type FoundFile } from '../project/find-files';
import { mergeConfig } from '../project/merge-config';
import type { ProjectFiles } from '../project/project-types';
import { parseYaml } from '../project/read-yaml-file';
import { publicTarget } from '../project/load-profile';
import { didYouMean } from '../project/suggest-name';
import type { TargetConfig } from '../adapters/adapter';
import type { Logger } from '../../common/logger';
import type { NodeConfig } from '../materializations/materialization';
import { emptyManifest } from './empty-manifest';
import { extractBlocks } from './extract-blocks';
import { finaliseConfig } from './finalise-config';
import { genericTestNode } from './generic-test-node';
import { NodeNaming, relationName } from './node-naming';
import {
  type ColumnInfo,
  type DocEntry,
  type MacroEntry,
  type Manifest,
  type ManifestNode,
  type ResourceType,
  type SourceDefinition,
} from './manifest-types';
import { defaultConfig } from './node-defaults';
import { readProperties, type NodePatch, type TestDeclaration } from './read-properties';
import { TreeConfig } from './tree-config';

export interface ParseInput {
  root: ProjectFiles;
  packages: ProjectFiles[];
  target: TargetConfig;
  profileName: string;
  engine: TemplatePort;
  cliVars: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  invocationId: string;
  runStartedAt: Date;
  flags: Record<string, unknown>;
  fullRefresh: boolean;
  builtinMacroDir: string;
}

export interface ParseOutput {
  manifest: Manifest;
  renderEnv: RenderEnvironment;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function parseProject(input: ParseInput): ParseOutput {
  const { root, packages, target, engine } = input;
  const all = [...packages, root];
  const manifest = emptyManifest(input);
  const pubTarget = publicTarget(target, input.profileName);

  // 1. macros: built-ins, then packages, then the root project (later wins)
  const macroFiles: MacroFile[] = [];
  for (const f of findFiles(input.builtinMacroDir, ['.'], ['.sql'])) {
    macroFiles.push({
      packageName: 'dbt',
      path: `macros/${f.relative}`,
      source: fs.readFileSync(f.absolute, 'utf8'),
    });
  }
  for (const p of all) {
    const dirs = [...p.macroPaths, ...p.testPaths.map((t) => `${t}/generic`)];
    for (const f of findFiles(p.root, dirs, ['.sql'])) {
      macroFiles.push({
        packageName: p.name,
        path: f.originalPath,
        source: fs.readFileSync(f.absolute, 'utf8'),
      });
    }
  }
  for (const m of engine.loadMacros(macroFiles, root.name, root.dispatch)) {
    const name =
      m.kind === 'test'
        ? `test_${m.name}`
        : m.kind === 'materialization'
          ? `materialization_${m.name}`
          : m.name;
    const entry: MacroEntry = {
      unique_id: `macro.${m.packageName}.${name}`,
      name,
      package_name: m.packageName,
      path: m.path,
      original_file_path: m.path,
      macro_sql: m.source,
      resource_type: 'macro',
      depends_on: { macros: [] },
      description: '',
    };
    manifest.macros[entry.unique_id] = entry;
  }

  const packageNames = new Set(all.map((p) => p.name));
  const vars = new VarResolver(input.cliVars, root.vars, packageNames);
  const refs = new RefIndex(manifest, root.name);
  const renderEnv: RenderEnvironment = {
    manifest,
    refs,
    vars,
    projectName: root.name,
    target: pubTarget,
    adapterType: target.type,
    env: input.env,
    logger: input.logger,
    invocationId: input.invocationId,
    runStartedAt: input.runStartedAt,
    flags: input.flags,
    fullRefresh: input.fullRefresh,
    relationOf: (node) =>
      relationValue({
        database: node.database,
        schema: node.schema,
        identifier: node.alias,
        type: node.config.materialized === 'view' ? 'view' : 'table',
      }),
  };

  const patches = new Map<string, NodePatch>();
  const testDecls: { decl: TestDeclaration; project: ProjectFiles; dirs: string[] }[] = [];
  const pendingNodes: { node: ManifestNode; capture: boolean }[] = [];

  // the root project's config trees apply to every package's nodes (keyed by package name inside)
  const rootTrees = {
    model: new TreeConfig(root.configTrees.models ?? {}, 'model', `${root.file}: models`),
    seed: new TreeConfig(root.configTrees.seeds ?? {}, 'seed', `${root.file}: seeds`),
    snapshot: new TreeConfig(root.configTrees.snapshots ?? {}, 'snapshot', `${root.file}: snapshots`),
    test: new TreeConfig(root.configTrees.data_tests ?? {}, 'test', `${root.file}: data_tests`),
    analysis: new TreeConfig(root.configTrees.analyses ?? {}, 'analysis', `${root.file}: analyses`),
    source: new TreeConfig(root.configTrees.sources ?? {}, 'source', `${root.file}: sources`),
  };

  for (const project of all) {
    // a package's own dbt_project.yml configures its nodes too (the root project's tree wins)
    const ownTrees =
      project === root
        ? undefined
        : {
            model: new TreeConfig(project.configTrees.models ?? {}, 'model', `${project.file}: models`),
            seed: new TreeConfig(project.configTrees.seeds ?? {}, 'seed', `${project.file}: seeds`),
            snapshot: new TreeConfig(
              project.configTrees.snapshots ?? {},
              'snapshot',
              `${project.file}: snapshots`,
            ),
            test: new TreeConfig(project.configTrees.data_tests ?? {}, 'test', `${project.file}: data_tests`),
          };
    const treeConfig = (type: keyof typeof rootTrees, fqn: string[]) => {
      const own =
        ownTrees && type in ownTrees ? (ownTrees as Record<string, TreeConfig>)[type].resolve(fqn) : {};
      return mergeConfig(own, rootTrees[type].resolve(fqn));
    };

    // 2. docs blocks
    const docDirs = project.docsPaths.length
      ? project.docsPaths
      : [
          ...project.modelPaths,
          ...project.seedPaths,
          ...project.snapshotPaths,
          ...project.analysisPaths,
          ...project.macroPaths,
          ...project.testPaths,
        ];
    for (const f of findFiles(project.root, docDirs, ['.md'])) {
      for (const b of extractBlocks(fs.readFileSync(f.absolute, 'utf8'), 'docs')) {
        const entry: DocEntry = {
          unique_id: `doc.${project.name}.${b.name}`,
          name: b.name,
          package_name: project.name,
          path: f.relative,
          original_file_path: f.originalPath,
          block_contents: b.body.trim(),
          resource_type: 'doc',
        };
        manifest.docs[entry.unique_id] = entry;
      }
    }

    // 3. properties YAML
    const yamlDirs = [
      ...project.modelPaths,
      ...project.seedPaths,
      ...project.snapshotPaths,
      ...project.analysisPaths,
      ...project.macroPaths,
      ...project.testPaths,
    ];
    for (const f of findFiles(project.root, yamlDirs, ['.yml', '.yaml'])) {
      const props = readProperties(
        parseYaml(fs.readFileSync(f.absolute, 'utf8'), f.originalPath),
        f.originalPath,
      );
      for (const p of props.patches) {
        const key = `${project.name}:${p.kind}:${p.name}`;
        if (patches.has(key)) {
          throw new ConfigError(`'${p.name}' is described twice (also in ${patches.get(key)!.file})`, {
            where: p.where,
          });
        }
        patches.set(key, p);
      }
      const dirs = path.posix.dirname(f.relative) === '.' ? [] : path.posix.dirname(f.relative).split('/');
      for (const s of props.sources) {
        const fqn = [project.name, ...dirs, s.sourceName, s.name];
        const config = mergeConfig(treeConfig('source', fqn), s.config);
        const schema =
          s.schema !== null ? renderString(s.schema, project.name, f.originalPath) : s.sourceName;
        const database =
          s.database !== null
            ? renderString(s.database, project.name, f.originalPath)
            : ((target.database as string | undefined) ?? null);
        const identifier = renderString(s.identifier, project.name, f.originalPath);
        const src: SourceDefinition = {
          unique_id: `source.${project.name}.${s.sourceName}.${s.name}`,
          resource_type: 'source',
          name: s.name,
          source_name: s.sourceName,
          package_name: project.name,
          path: f.originalPath,
          original_file_path: f.originalPath,
          fqn,
          database,
          schema,
          identifier,
          loader: s.loader,
          loaded_at_field: s.loadedAtField,
          freshness: s.freshness,
          description: describe(s.description, project.name, f.originalPath),
          source_description: describe(s.sourceDescription, project.name, f.originalPath),
          columns: describeColumns(s.columns, project.name, f.originalPath),
          meta: s.meta,
          tags: s.tags,
          config: { enabled: config.enabled !== false, ...config },
          relation_name: relationName(database, schema, identifier),
        };
        if (src.config.enabled === false) continue;
        manifest.sources[src.unique_id] = src;
        refs.addSource(src);
      }
      for (const d of props.tests) testDecls.push({ decl: d, project, dirs });
      if (props.unitTests) {
        input.logger.warn(
          `${f.originalPath}: ${props.unitTests} unit test(s) are not run by this engine (data tests are)`,
        );
      }
      for (const [name, description] of Object.entries(props.macroDescriptions)) {
        const m = manifest.macros[`macro.${project.name}.${name}`];
        if (m) m.description = description;
      }
    }

    const makeNode = (
      type: ResourceType,
      f: FoundFile,
      name: string,
      raw: string,
      extraConfig: Record<string, unknown> = {},
    ): ManifestNode => {
      const dirs = path.posix.dirname(f.relative) === '.' ? [] : path.posix.dirname(f.relative).split('/');
      const fqn = [project.name, ...dirs, name];
      const kind = type === 'analysis' ? 'analyses' : `${type}s`;
      const patch = patches.get(`${project.name}:${kind}:${name}`);
      const treeType = (type === 'test' ? 'test' : type) as keyof typeof rootTrees;
      let config = mergeConfig(defaultConfig(type), treeConfig(treeType, fqn));
      if (patch) config = mergeConfig(config, patch.config);
      config = mergeConfig(config, extraConfig);
      const node: ManifestNode = {
        unique_id: `${type}.${project.name}.${name}`,
        resource_type: type,
        name,
        package_name: project.name,
        path: f.relative,
        original_file_path: f.originalPath,
        fqn,
        database: null,
        schema: '',
        alias: name,
        raw_code: raw,
        language: 'sql',
        config: config as NodeConfig,
        tags: [],
        description: patch ? describe(patch.description, project.name, patch.file) : '',
        meta: patch?.meta ?? {},
        columns: patch ? describeColumns(patch.columns, project.name, patch.file) : {},
        depends_on: { nodes: [], macros: [] },
        refs: [],
        sources: [],
        checksum: { name: 'sha256', checksum: sha256(raw) },
        relation_name: null,
        patch_path: patch ? `${project.name}://${patch.file}` : null,
        compiled_path: null,
        contract: { enforced: false, alias_types: true, checksum: null },
      };
      if (patch) {
        patch.tags.forEach((t) => {
          if (!(node.config.tags ?? []).includes(t)) node.config.tags = [...(node.config.tags ?? []), t];
        });
      }
      return node;
    };

    // 4. models, analyses, snapshots, singular tests, seeds
    for (const f of findFiles(project.root, project.modelPaths, ['.sql'])) {
      const name = path.posix.basename(f.relative, '.sql');
      const raw = fs.readFileSync(f.absolute, 'utf8');
      pendingNodes.push({ node: makeNode('model', f, name, raw), capture: true });
    }
    for (const f of findFiles(project.root, project.analysisPaths, ['.sql'])) {
      const name = path.posix.basename(f.relative, '.sql');
      pendingNodes.push({
        node: makeNode('analysis', f, name, fs.readFileSync(f.absolute, 'utf8')),
        capture: true,
      });
    }
    for (const f of findFiles(project.root, project.snapshotPaths, ['.sql'])) {
      const text = fs.readFileSync(f.absolute, 'utf8');
      for (const b of extractBlocks(text, 'snapshot')) {
        pendingNodes.push({ node: makeNode('snapshot', f, b.name, b.body), capture: true });
      }
    }
    for (const patch of patches.values()) {
      if (patch.kind !== 'snapshots' || !patch.relation || !patch.file.length) continue;
      if (
        !patches.has(`${project.name}:snapshots:${patch.name}`) ||
        patches.get(`${project.name}:snapshots:${patch.name}`) !== patch
      )
        continue;
      if (
        pendingNodes.some(
          ({ node }) =>
            node.resource_type === 'snapshot' &&
            node.name === patch.name &&
            node.package_name === project.name,
        )
      )
        continue;
      const slash = patch.file.indexOf('/');
      const f: FoundFile = {
        absolute: path.join(project.root, patch.file),
        originalPath: patch.file,
        relative: slash >= 0 ? patch.file.slice(slash + 1) : patch.file,
      };
      const relation = /^\s*\{\{/.test(patch.relation) ? patch.relation : `{{ ${patch.relation} }}`;
      pendingNodes.push({
        node: makeNode('snapshot', f, patch.name, `select * from ${relation}`),
        capture: true,
      });
    }
    for (const f of findFiles(project.root, project.testPaths, ['.sql'])) {
      if (f.relative.startsWith('generic/')) continue;
      const name = path.posix.basename(f.relative, '.sql');
      pendingNodes.push({
        node: makeNode('test', f, name, fs.readFileSync(f.absolute, 'utf8')),
        capture: true,
      });
    }
    for (const f of findFiles(project.root, project.seedPaths, ['.csv'])) {
      const name = path.posix.basename(f.relative, '.csv');
      const node = makeNode('seed', f, name, '');
      node.root_path = project.root;
      node.checksum = { name: 'sha256', checksum: sha256(fs.readFileSync(f.absolute, 'utf8')) };
      pendingNodes.push({ node, capture: false });
    }
  }

  // 5. render each template once at parse time (execute=False), or read its literal calls
  for (const { node, capture } of pendingNodes) {
    if (capture) {
      const calls = engine.staticCalls(node.raw_code);
      let configCalls: Record<string, unknown> = {};
      if (calls) {
        node.refs = calls.refs;
        node.sources = calls.sources;
        for (const c of calls.configs) {
          checkConfigKeys(node.resource_type, normaliseKeys(c), `${node.original_file_path}: config()`);
          configCalls = { ...configCalls, ...normaliseKeys(c) };
        }
      } else {
        const cap: ParseCapture = { refs: [], sources: [], config: {} };
        const ctx = dbtContext(renderEnv, {
          node,
          packageName: node.package_name,
          execute: false,
          where: node.original_file_path,
          capture: cap,
        });
        try {
          engine.render(node.raw_code, ctx, {
            file: node.original_file_path,
            packageName: node.package_name,
          });
        } catch (e) {
          throw withNodeContext(e, node);
        }
        node.refs = cap.refs;
        node.sources = cap.sources;
        configCalls = cap.config;
      }
      node.config = mergeConfig(node.config, configCalls) as NodeConfig;
      // `-- depends_on: {{ ref('x') }}` hints are ordinary refs: the render above already saw them
    }
    finaliseConfig(node);
    if (node.config.enabled === false) {
      (manifest.disabled[node.unique_id] ??= []).push(node);
      continue;
    }
    if (manifest.nodes[node.unique_id]) {
      throw new CompilationError(`two ${node.resource_type}s are named '${node.name}'`, {
        where: `${manifest.nodes[node.unique_id].original_file_path} and ${node.original_file_path}`,
      });
    }
    manifest.nodes[node.unique_id] = node;
  }

  // a description of a node that does not exist is probably a typo (dbt warns too)
  const defined = new Set<string>();
  for (const { node } of pendingNodes) defined.add(`${node.resource_type}:${node.name}`);
  for (const patch of patches.values()) {
    const type = patch.kind === 'analyses' ? 'analysis' : patch.kind.slice(0, -1);
    if (!defined.has(`${type}:${patch.name}`)) {
      const names = pendingNodes
        .filter(({ node }) => node.resource_type === type)
        .map(({ node }) => node.name);
      input.logger.warn(
        `${patch.where}: '${patch.name}' is described but there is no such ${type}${didYouMean(patch.name, names)}`,
      );
    }
  }

  // 6. where each node is built: generate_database_name / generate_schema_name / generate_alias_name
  const naming = new NodeNaming(engine, renderEnv, target);
  for (const node of Object.values(manifest.nodes)) {
    naming.apply(node);
    refs.addNode(node);
  }

  // 7. generic tests from YAML
  for (const { decl, project, dirs } of testDecls) {
    const node = genericTestNode(decl, project, dirs, manifest, renderEnv, rootTrees.test);
    if (!node) continue;
    naming.apply(node);
    if (node.config.enabled === false) continue;
    if (manifest.nodes[node.unique_id]) continue;
    manifest.nodes[node.unique_id] = node;
  }

  // 8. dependencies, then the graph and its cycles
  for (const node of Object.values(manifest.nodes)) {
    const deps: string[] = [];
    for (const r of node.refs) {
      const target = refs.findNode(r.name, r.package, node.package_name);
      if (!target) {
        const names = Object.values(manifest.nodes)
          .filter((n) => n.resource_type !== 'test')
          .map((n) => n.name);
        const disabled = Object.values(manifest.disabled)
          .flat()
          .find((n) => n.name === r.name);
        throw new CompilationError(
          `${node.resource_type} '${node.name}' depends on '${r.name}' which was not found${disabled ? ' (it is disabled)' : didYouMean(r.name, names)}`,
          { where: node.original_file_path },
        );
      }
      if (!deps.includes(target.unique_id)) deps.push(target.unique_id);
    }
    for (const [s, t] of node.sources) {
      const src =
        manifest.sources[`source.${node.package_name}.${s}.${t}`] ??
        Object.values(manifest.sources).find((x) => x.source_name === s && x.name === t);
      if (!src) {
        throw new CompilationError(
          `${node.resource_type} '${node.name}' depends on source '${s}.${t}' which was not found${didYouMean(
            `${s}.${t}`,
            Object.values(manifest.sources).map((x) => `${x.source_name}.${x.name}`),
          )}`,
          { where: node.original_file_path },
        );
      }
      if (!deps.includes(src.unique_id)) deps.push(src.unique_id);
    }
    node.depends_on.nodes = deps;
  }
  const parentMap: Record<string, string[]> = {};
  for (const s of Object.keys(manifest.sources)) parentMap[s] = [];
  for (const n of Object.values(manifest.nodes)) parentMap[n.unique_id] = [...n.depends_on.nodes];
  const childMap: Record<string, string[]> = {};
  for (const id of Object.keys(parentMap)) childMap[id] = [];
  for (const [id, ps] of Object.entries(parentMap)) for (const p of ps) childMap[p]?.push(id);
  for (const list of Object.values(childMap)) list.sort();
  manifest.parent_map = parentMap;
  manifest.child_map = childMap;
  new DependencyGraph(parentMap).topologicalOrder();
  return { manifest, renderEnv };

  function renderString(text: string, packageName: string, file: string): string {
    if (!text.includes('{{') && !text.includes('{%')) return text;
    const ctx = dbtContext(renderEnv, { node: null, packageName, execute: false, where: file });
    return engine.render(text, ctx, { file, packageName }).trim();
  }

  function describe(text: string, packageName: string, file: string): string {
    return renderString(text, packageName, file);
  }

  function describeColumns(
    cols: Record<string, ColumnInfo>,
    packageName: string,
    file: string,
  ): Record<string, ColumnInfo> {
    const out: Record<string, ColumnInfo> = {};
    for (const [k, c] of Object.entries(cols))
      out[k] = { ...c, description: describe(c.description, packageName, file) };
    return out;
  }
}

/** An error raised inside a macro names the macro's file; say which node was being rendered too. */
function withNodeContext(e: unknown, node: ManifestNode): unknown {
  if (e instanceof LearnflowError && !(e.where ?? '').startsWith(node.original_file_path)) {
    const note = `while parsing ${node.resource_type} '${node.name}' (${node.original_file_path})`;
    (e as { hint?: string }).hint = e.hint ? `${e.hint}; ${note}` : note;
  }
  return e;
}

function normaliseKeys(c: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) out[k.replace(/-/g, '_')] = v;
  return out;
}

export { relationName };
