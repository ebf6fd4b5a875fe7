import { ConfigError } from '../../common/errors';
import { isRecord } from '../project/read-yaml-file';
import { checkConfigKeys, normaliseConfigKey } from '../project/config-keys';
import { didYouMean } from '../project/suggest-name';
import type { ColumnInfo, FreshnessThreshold } from './manifest-types';

/** One generic test declared in YAML, not yet attached to the graph. */
export interface TestDeclaration {
  /** The test macro name (`unique`, `accepted_values`, or `dbt_utils.expression_is_true` split in namespace). */
  testName: string;
  namespace: string | null;
  args: Record<string, unknown>;
  config: Record<string, unknown>;
  customName?: string;
  description: string;
  columnName: string | null;
  /** What it tests: a model/seed/snapshot by name, or a source table. */
  target: { kind: 'node'; name: string } | { kind: 'source'; source: string; table: string };
  file: string;
  where: string;
}

export interface NodePatch {
  name: string;
  kind: 'models' | 'seeds' | 'snapshots' | 'analyses';
  description: string;
  config: Record<string, unknown>;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  tags: string[];
  file: string;
  where: string;
  /** dbt 1.9 YAML snapshots: `relation: ref('x')` or `source('a', 'b')` is what gets snapshotted. */
  relation?: string;
}

export interface SourceTablePatch {
  sourceName: string;
  sourceDescription: string;
  name: string;
  identifier: string;
  schema: string | null;
  database: string | null;
  loader: string;
  loadedAtField: string | null;
  freshness: FreshnessThreshold | null;
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  file: string;
}

export interface PropertiesFile {
  patches: NodePatch[];
  sources: SourceTablePatch[];
  tests: TestDeclaration[];
  macroDescriptions: Record<string, string>;
  /** dbt unit tests declared here (not run by this engine; reported as skipped). */
  unitTests: number;
}

const TEST_CONFIG_KEYS = new Set([
  'config',
  'severity',
  'tags',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'meta',
  'enabled',
  'alias',
  'database',
  'schema',
  'name',
  'description',
  'arguments',
]);

const RESOURCE_KEYS = ['models', 'seeds', 'snapshots', 'analyses'] as const;
const TOP_KEYS = [
  'version',
  ...RESOURCE_KEYS,
  'sources',
  'macros',
  'exposures',
  'metrics',
  'groups',
  'semantic_models',
  'saved_queries',
  'unit_tests',
  'data_tests',
  'functions',
];

/** Read one properties YAML document (already parsed); `file` is package-relative. */
export function readProperties(doc: unknown, file: string): PropertiesFile {
  const out: PropertiesFile = { patches: [], sources: [], tests: [], macroDescriptions: {}, unitTests: 0 };
  if (!isRecord(doc)) return out;
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key)) {
      throw new ConfigError(`unknown top-level key '${key}'${didYouMean(key, TOP_KEYS)}`, {
        where: `${file}: ${key}`,
        hint: `expected one of ${TOP_KEYS.join(', ')}`,
      });
    }
  }
  for (const kind of RESOURCE_KEYS) {
    const list = doc[kind];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list))
      throw new ConfigError(`'${kind}' must be a list`, { where: `${file}: ${kind}` });
    list.forEach((entry, i) => {
      const where = `${file}: ${kind}[${i}]`;
      if (!isRecord(entry) || typeof entry.name !== 'string')
        throw new ConfigError('each entry needs a name', { where });
      const resourceType = kind === 'analyses' ? 'analysis' : kind.slice(0, -1);
      const config = readConfig(entry.config, resourceType, `${where}.config`);
      const columns = readColumns(entry.columns, `${where}.columns`);
      out.patches.push({
        name: entry.name,
        kind,
        description: String(entry.description ?? ''),
        config,
        columns,
        meta: isRecord(entry.meta) ? entry.meta : {},
        tags: toStrings(entry.tags),
        file,
        where,
        relation: kind === 'snapshots' && typeof entry.relation === 'string' ? entry.relation : undefined,
      });
      const target = { kind: 'node' as const, name: entry.name };
      out.tests.push(
        ...readTests(entry.data_tests ?? entry.tests, target, null, file, `${where}.data_tests`),
      );
      for (const [ci, col] of (Array.isArray(entry.columns) ? entry.columns : []).entries()) {
        if (!isRecord(col)) continue;
        const columnName = col.quote === true ? `"${String(col.name)}"` : String(col.name);
        out.tests.push(
          ...readTests(
            col.data_tests ?? col.tests,
            target,
            columnName,
            file,
            `${where}.columns[${ci}].data_tests`,
          ),
        );
      }
    });
  }
  if (doc.sources !== undefined && doc.sources !== null) {
    if (!Array.isArray(doc.sources))
      throw new ConfigError("'sources' must be a list", { where: `${file}: sources` });
    doc.sources.forEach((src, i) => {
      const where = `${file}: sources[${i}]`;
      if (!isRecord(src) || typeof src.name !== 'string')
        throw new ConfigError('each source needs a name', { where });
      const srcConfig = readConfig(src.config, 'source', `${where}.config`);
      const tables = src.tables ?? [];
      if (!Array.isArray(tables))
        throw new ConfigError("'tables' must be a list", { where: `${where}.tables` });
      tables.forEach((t, j) => {
        const twhere = `${where}.tables[${j}]`;
        if (!isRecord(t) || typeof t.name !== 'string')
          throw new ConfigError('each table needs a name', { where: twhere });
        const tConfig = { ...srcConfig, ...readConfig(t.config, 'source', `${twhere}.config`) };
        const freshness = readFreshness(
          t.freshness !== undefined ? t.freshness : (tConfig.freshness ?? src.freshness),
          `${twhere}.freshness`,
        );
        out.sources.push({
          sourceName: src.name as string,
          sourceDescription: String(src.description ?? ''),
          name: t.name,
          identifier: String(t.identifier ?? t.name),
          schema: src.schema !== undefined ? String(src.schema) : null,
          database: src.database !== undefined ? String(src.database) : null,
          loader: String(src.loader ?? ''),
          loadedAtField: (t.loaded_at_field ?? tConfig.loaded_at_field ?? src.loaded_at_field ?? null) as
            string | null,
          freshness,
          description: String(t.description ?? ''),
          columns: readColumns(t.columns, `${twhere}.columns`),
          meta: { ...(isRecord(src.meta) ? src.meta : {}), ...(isRecord(t.meta) ? t.meta : {}) },
          tags: [...toStrings(src.tags), ...toStrings(t.tags)],
          config: tConfig,
          file,
        });
        const target = { kind: 'source' as const, source: src.name as string, table: t.name };
        out.tests.push(...readTests(t.data_tests ?? t.tests, target, null, file, `${twhere}.data_tests`));
        for (const [ci, col] of (Array.isArray(t.columns) ? t.columns : []).entries()) {
          if (!isRecord(col)) continue;
          const columnName = col.quote === true ? `"${String(col.name)}"` : String(col.name);
          out.tests.push(
            ...readTests(
              col.data_tests ?? col.tests,
              target,
              columnName,
              file,
              `${twhere}.columns[${ci}].data_tests`,
            ),
          );
        }
      });
    });
  }
  if (Array.isArray(doc.unit_tests)) out.unitTests = doc.unit_tests.length;
  if (Array.isArray(doc.macros)) {
    for (const m of doc.macros)
      if (isRecord(m) && typeof m.name === 'string')
        out.macroDescriptions[m.name] = String(m.description ?? '');
  }
  return out;
}

function readConfig(raw: unknown, resourceType: string, where: string): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new ConfigError('config must be a mapping', { where });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[normaliseConfigKey(k)] = v;
  checkConfigKeys(resourceType, out, where);
  return out;
}

function readColumns(raw: unknown, where: string): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) throw new ConfigError("'columns' must be a list", { where });
  raw.forEach((c, i) => {
    if (!isRecord(c) || typeof c.name !== 'string')
      throw new ConfigError('each column needs a name', { where: `${where}[${i}]` });
    out[c.name] = {
      name: c.name,
      description: String(c.description ?? ''),
      data_type: c.data_type !== undefined && c.data_type !== null ? String(c.data_type) : null,
      meta: isRecord(c.meta) ? c.meta : {},
      tags: toStrings(c.tags),
      constraints: Array.isArray(c.constraints) ? c.constraints : [],
      quote: typeof c.quote === 'boolean' ? c.quote : null,
    };
  });
  return out;
}

function readFreshness(raw: unknown, where: string): FreshnessThreshold | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw)) throw new ConfigError('freshness must be a mapping', { where });
  const period = (v: unknown, key: string) => {
    if (v === undefined || v === null) return { count: null, period: null };
    if (
      !isRecord(v) ||
      typeof v.count !== 'number' ||
      !['minute', 'hour', 'day'].includes(String(v.period))
    ) {
      throw new ConfigError(`${key} needs count and period (minute, hour or day)`, {
        where: `${where}.${key}`,
      });
    }
    return { count: v.count, period: String(v.period) };
  };
  return {
    warn_after: period(raw.warn_after, 'warn_after'),
    error_after: period(raw.error_after, 'error_after'),
    filter: raw.filter !== undefined && raw.filter !== null ? String(raw.filter) : null,
  };
}

function readTests(
  raw: unknown,
  target: TestDeclaration['target'],
  columnName: string | null,
  file: string,
  where: string,
): TestDeclaration[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ConfigError('tests must be a list', { where });
  return raw.map((t, i) => {
    const w = `${where}[${i}]`;
    let fullName: string;
    let body: Record<string, unknown> = {};
    if (typeof t === 'string') fullName = t;
    else if (isRecord(t)) {
      const keys = Object.keys(t);
      if (typeof t.test_name === 'string') {
        fullName = t.test_name;
        body = { ...t };
        delete body.test_name;
      } else if (keys.length === 1) {
        fullName = keys[0];
        const v = t[fullName];
        if (v !== null && v !== undefined && !isRecord(v))
          throw new ConfigError('test arguments must be a mapping', { where: w });
        body = (v as Record<string, unknown>) ?? {};
      } else throw new ConfigError('a test is a name or a mapping with one test name', { where: w });
    } else throw new ConfigError('a test is a name or a mapping with one test name', { where: w });
    const dot = fullName.lastIndexOf('.');
    const namespace = dot > 0 ? fullName.slice(0, dot) : null;
    const testName = dot > 0 ? fullName.slice(dot + 1) : fullName;
    const config: Record<string, unknown> = {};
    let args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      if (k === 'config') {
        if (!isRecord(v)) throw new ConfigError('config must be a mapping', { where: `${w}.config` });
        for (const [ck, cv] of Object.entries(v)) config[normaliseConfigKey(ck)] = cv;
      } else if (k === 'arguments') {
        if (!isRecord(v)) throw new ConfigError('arguments must be a mapping', { where: `${w}.arguments` });
        args = { ...args, ...v };
      } else if (TEST_CONFIG_KEYS.has(k) && k !== 'name' && k !== 'description') config[k] = v;
      else if (k !== 'name' && k !== 'description') args[k] = v;
    }
    checkConfigKeys('test', config, `${w}.config`);
    if (columnName !== null) args.column_name = columnName;
    return {
      testName,
      namespace,
      args,
      config,
      customName: typeof body.name === 'string' ? body.name : undefined,
      description: typeof body.description === 'string' ? body.description : '',
      columnName,
      target,
      file,
      where: w,
    };
  });
}

function toStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}
