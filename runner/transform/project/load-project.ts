import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../common/errors';
import { isRecord, readYamlFile } from './read-yaml-file';
import { didYouMean } from './suggest-name';
import type { ProjectFiles } from './project-types';
import { asList } from './merge-config';

/** Renders `{{ env_var(...) }}` / `{{ var(...) }}` inside a YAML string value. */
export type ValueRenderer = (text: string, where: string) => string;

const TOP_LEVEL_KEYS = [
  'name',
  'version',
  'config-version',
  'profile',
  'model-paths',
  'source-paths',
  'seed-paths',
  'data-paths',
  'test-paths',
  'analysis-paths',
  'macro-paths',
  'snapshot-paths',
  'docs-paths',
  'asset-paths',
  'function-paths',
  'target-path',
  'log-path',
  'packages-install-path',
  'clean-targets',
  'require-dbt-version',
  'vars',
  'on-run-start',
  'on-run-end',
  'dispatch',
  'flags',
  'quoting',
  'query-comment',
  'restrict-access',
  'models',
  'seeds',
  'snapshots',
  'data_tests',
  'tests',
  'sources',
  'unit_tests',
  'analyses',
  'metrics',
  'semantic-models',
  'saved-queries',
  'exposures',
  'functions',
];

/** Keys whose values stay raw Jinja: they are rendered when they run. */
const RAW_KEYS = new Set([
  'pre-hook',
  'post-hook',
  '+pre-hook',
  '+post-hook',
  'pre_hook',
  'post_hook',
  '+pre_hook',
  '+post_hook',
]);

/** Load `dbt_project.yml` of the project in `dir`. */
export function loadProject(dir: string, render: ValueRenderer): ProjectFiles {
  const root = path.resolve(dir);
  const file = path.join(root, 'dbt_project.yml');
  if (!fs.existsSync(file)) {
    throw new ConfigError(`no dbt_project.yml in ${root}`, {
      where: root,
      hint: 'run from the project folder or pass --project-dir',
    });
  }
  const raw = readYamlFile(file);
  if (!isRecord(raw)) throw new ConfigError('dbt_project.yml must be a mapping', { where: file });
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      throw new ConfigError(`unknown key '${key}'${didYouMean(key, TOP_LEVEL_KEYS)}`, {
        where: `${file}: ${key}`,
      });
    }
  }
  const str = (key: string, fallback?: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new ConfigError(`'${key}' must be a string`, { where: `${file}: ${key}` });
    }
    return render(String(v), `${file}: ${key}`);
  };
  const paths = (key: string, fallback: string[], legacy?: string): string[] => {
    const v = raw[key] ?? (legacy ? raw[legacy] : undefined);
    if (v === undefined || v === null) return fallback;
    const list = asList<unknown>(v);
    return list.map((p) => {
      if (typeof p !== 'string')
        throw new ConfigError(`'${key}' must be a list of paths`, { where: `${file}: ${key}` });
      return render(p, `${file}: ${key}`);
    });
  };
  const name = str('name');
  if (!name) throw new ConfigError("'name' is required", { where: `${file}: name` });
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ConfigError(`project name '${name}' must be a valid identifier (letters, digits, _)`, {
      where: `${file}: name`,
    });
  }
  const hooks = (key: string): string[] =>
    asList<unknown>(raw[key]).map((h) => {
      if (typeof h !== 'string')
        throw new ConfigError(`'${key}' must be SQL strings`, { where: `${file}: ${key}` });
      return h;
    });
  const dispatch = asList<unknown>(raw.dispatch).map((d, i) => {
    if (!isRecord(d) || typeof d.macro_namespace !== 'string' || !Array.isArray(d.search_order)) {
      throw new ConfigError('each dispatch entry needs macro_namespace and search_order', {
        where: `${file}: dispatch[${i}]`,
      });
    }
    return { macro_namespace: d.macro_namespace, search_order: d.search_order.map(String) };
  });
  const configTrees: Record<string, Record<string, unknown>> = {};
  for (const key of ['models', 'seeds', 'snapshots', 'data_tests', 'tests', 'sources', 'analyses']) {
    const tree = raw[key];
    if (tree === undefined || tree === null) continue;
    if (!isRecord(tree)) throw new ConfigError(`'${key}' must be a mapping`, { where: `${file}: ${key}` });
    const target = key === 'tests' ? 'data_tests' : key;
    configTrees[target] = { ...(configTrees[target] ?? {}), ...renderTree(tree, render, `${file}: ${key}`) };
  }
  const vars = raw.vars ?? {};
  if (!isRecord(vars)) throw new ConfigError("'vars' must be a mapping", { where: `${file}: vars` });
  const flags = raw.flags ?? {};
  if (!isRecord(flags)) throw new ConfigError("'flags' must be a mapping", { where: `${file}: flags` });
  const quoting = raw.quoting ?? {};
  return {
    name,
    root,
    file,
    version: String(raw.version ?? '1.0.0'),
    profile: str('profile'),
    modelPaths: paths('model-paths', ['models'], 'source-paths'),
    seedPaths: paths('seed-paths', ['seeds'], 'data-paths'),
    testPaths: paths('test-paths', ['tests']),
    analysisPaths: paths('analysis-paths', ['analyses']),
    macroPaths: paths('macro-paths', ['macros']),
    snapshotPaths: paths('snapshot-paths', ['snapshots']),
    docsPaths: paths('docs-paths', []),
    targetPath: str('target-path', 'target') as string,
    cleanTargets: paths('clean-targets', [str('target-path', 'target') as string]),
    packagesInstallPath: str('packages-install-path', 'dbt_packages') as string,
    vars,
    onRunStart: hooks('on-run-start'),
    onRunEnd: hooks('on-run-end'),
    dispatch,
    flags,
    quoting: isRecord(quoting) ? quoting : {},
    configTrees,
  };
}

function renderTree(
  tree: Record<string, unknown>,
  render: ValueRenderer,
  where: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (RAW_KEYS.has(k)) out[k] = v;
    else out[k] = renderValue(v, render, `${where}.${k}`);
  }
  return out;
}

function renderValue(v: unknown, render: ValueRenderer, where: string): unknown {
  if (typeof v === 'string') return v.includes('{{') || v.includes('{%') ? render(v, where) : v;
  if (Array.isArray(v)) return v.map((x, i) => renderValue(x, render, `${where}[${i}]`));
  if (isRecord(v)) return renderTree(v, render, where);
  return v;
}
