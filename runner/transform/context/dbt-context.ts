/**
 * The context templates render with: dbt's names (`ref`, `source`, `config`, `var`, `this`, `run_query`...)
 * backed by the manifest, the target and, when executing, the database through replay rendering.
 */
import yaml from 'js-yaml';
import { createHash } from 'node:crypto';
import type { Logger } from '../../common/logger';
import type { Manifest, ManifestNode, RefCall } from '../parse/manifest-types';
import { CompilationError } from '../compile/compilation-error';
import { normaliseConfigKey, checkConfigKey } from '../project/config-keys';
import { argAt, kwargsOf, positionalOf } from './call-args';
import type { DatabaseAnswer, ReplayState } from './database-request';
import { pyDateTime, pythonModules } from './python-modules';
import type { RefIndex } from './ref-index';
import { isRelationValue, relationValue, type RelationValue } from './relation-value';
import type { VarResolver } from './var-resolver';
import { agateTable } from './agate-table';

/** What does not change between the nodes of one invocation. */
export interface RenderEnvironment {
  manifest: Manifest;
  refs: RefIndex;
  vars: VarResolver;
  projectName: string;
  target: Record<string, unknown>;
  adapterType: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  invocationId: string;
  runStartedAt: Date;
  flags: Record<string, unknown>;
  fullRefresh: boolean;
  /** Relation names of nodes, as resolved at parse (`generate_schema_name`...). */
  relationOf(node: ManifestNode): RelationValue;
}

/** Calls recorded while rendering at parse time (execute=False). */
export interface ParseCapture {
  refs: RefCall[];
  sources: [string, string][];
  config: Record<string, unknown>;
}

export interface RenderOptions {
  node: ManifestNode | null;
  packageName: string;
  execute: boolean;
  where: string;
  capture?: ParseCapture;
  replay?: ReplayState;
  isIncremental?: boolean;
  /** Ephemeral models the rendered SQL refers to (their CTEs are injected afterwards). */
  ephemeralRefs?: string[];
  /** Nodes the rendered SQL refers to (a `ref` hidden from parse shows up here). */
  usedRefs?: Set<string>;
  extra?: Record<string, unknown>;
}

export function dbtContext(env: RenderEnvironment, opts: RenderOptions): Record<string, unknown> {
  const { node, execute, capture, replay } = opts;
  const statements = new Map<string, unknown>();
  const ask = (request: Parameters<ReplayState['ask']>[0]): DatabaseAnswer => {
    if (!replay) {
      throw new CompilationError(`this template queries the database (${request.kind}) where no connection is available`, {
        where: opts.where,
        hint: 'guard database calls with {% if execute %}',
      });
    }
    return replay.ask(request);
  };
  const targetSchema = String(env.target.schema);
  const targetDatabase = (env.target.database as string | undefined) ?? null;

  const ref = (...args: unknown[]): RelationValue => {
    const pos = positionalOf(args).map(String);
    const kw = kwargsOf(args);
    const name = pos.length >= 2 ? pos[1] : String(pos[0] ?? kw.model_name ?? kw.name ?? '');
    const pkg = pos.length >= 2 ? pos[0] : ((kw.package_name as string | undefined) ?? null);
    const version = (kw.version ?? kw.v ?? null) as string | number | null;
    if (!name) throw new CompilationError('ref() needs a model name', { where: opts.where });
    if (capture) {
      capture.refs.push({ name, package: pkg, version });
      if (!execute) {
        return relationValue({ database: targetDatabase, schema: targetSchema, identifier: name });
      }
    }
    const target = env.refs.resolveNode(name, pkg, opts.packageName, opts.where);
    opts.usedRefs?.add(target.unique_id);
    if (target.config.materialized === 'ephemeral') {
      if (opts.ephemeralRefs && !opts.ephemeralRefs.includes(target.unique_id)) opts.ephemeralRefs.push(target.unique_id);
      return relationValue({ database: null, schema: '', identifier: `__dbt__cte__${target.name}`, cte: true });
    }
    return env.relationOf(target);
  };

  const source = (...args: unknown[]): RelationValue => {
    const src = String(argAt(args, 0, 'source_name'));
    const table = String(argAt(args, 1, 'table_name'));
    if (capture) {
      capture.sources.push([src, table]);
      if (!execute) return relationValue({ database: targetDatabase, schema: src, identifier: table });
    }
    const s = env.refs.resolveSource(src, table, opts.where);
    opts.usedRefs?.add(s.unique_id);
    return relationValue({ database: s.database, schema: s.schema, identifier: s.identifier, type: 'table' });
  };

  const nodeConfig = (node?.config ?? {}) as Record<string, unknown>;
  const config = Object.assign(
    (...args: unknown[]): string => {
      if (!capture) return '';
      const pos = positionalOf(args);
      const values = { ...(typeof pos[0] === 'object' && pos[0] ? (pos[0] as Record<string, unknown>) : {}), ...kwargsOf(args) };
      for (const [k, v] of Object.entries(values)) {
        const key = normaliseConfigKey(k);
        checkConfigKey(node?.resource_type ?? 'model', key, `${opts.where}: config(${k}=...)`);
        capture.config[key] = v;
      }
      return '';
    },
    {
      get: (...args: unknown[]) => {
        const key = String(argAt(args, 0, 'name'));
        const fallback = argAt(args, 1, 'default', null);
        const v = capture?.config[key] ?? nodeConfig[key] ?? nodeConfig[key.replace(/-/g, '_')];
        return v === undefined ? fallback : v;
      },
      require: (...args: unknown[]) => {
        const key = String(argAt(args, 0, 'name'));
        const v = capture?.config[key] ?? nodeConfig[key];
        if (v === undefined || v === null) {
          throw new CompilationError(`the config '${key}' is required here`, { where: opts.where });
        }
        return v;
      },
      persist_relation_docs: () => false,
      persist_column_docs: () => false,
    },
  );

  const varFn = Object.assign(
    (...args: unknown[]) => {
      const pos = positionalOf(args);
      const name = String(pos[0] ?? kwargsOf(args).name);
      const hasDefault = pos.length > 1 || 'default' in kwargsOf(args);
      return env.vars.get(name, opts.packageName, pos.length > 1 ? pos[1] : kwargsOf(args).default, hasDefault, opts.where);
    },
    { has_var: (name: string) => env.vars.has(name, opts.packageName) },
  );

  const envVar = (...args: unknown[]) => {
    const pos = positionalOf(args);
    const name = String(pos[0]);
    if (name.startsWith('DBT_ENV_SECRET') && node) {
      throw new CompilationError(`secret env var '${name}' may only be used in profiles.yml and packages.yml`, {
        where: opts.where,
      });
    }
    const v = env.env[name];
    if (v !== undefined) return v;
    if (pos.length > 1) return pos[1];
    throw new CompilationError(`Env var required but not provided: '${name}'`, { where: opts.where });
  };

  const runQuery = (sql: unknown) => {
    if (!execute) return null;
    const a = ask({ kind: 'query', sql: String(sql) });
    return a.kind === 'query' ? agateTable(a.columns, a.rows) : null;
  };

  const statement = (...args: unknown[]) => {
    const kw = kwargsOf(args);
    const name = String(argAt(args, 0, 'name', 'statement'));
    const fetch = Boolean(argAt(args, 1, 'fetch_result', false));
    const caller = kw.caller as (() => unknown) | undefined;
    const sql = caller ? String(caller()) : '';
    if (!execute) return '';
    const a = ask({ kind: 'query', sql });
    if (a.kind === 'query') {
      statements.set(name, {
        response: { _message: `OK ${a.rowsAffected}`, rows_affected: a.rowsAffected, code: 'OK' },
        data: fetch ? a.rows.map((r) => a.columns.map((c) => r[c.name])) : [],
        table: fetch ? agateTable(a.columns, a.rows) : null,
      });
    }
    return '';
  };

  const thisRelation = node && node.relation_name !== null ? env.relationOf(node) : null;
  const columnValue = (c: { name: string; dataType: string }) => ({
    name: c.name,
    column: c.name,
    quoted: `"${c.name}"`,
    data_type: c.dataType,
    dtype: c.dataType,
    toString: () => `<Column ${c.name} (${c.dataType})>`,
  });

  const adapter = {
    type: () => env.adapterType,
    quote: (s: unknown) => `"${String(s).replace(/"/g, '""')}"`,
    get_relation: (...args: unknown[]) => {
      const schema = String(argAt(args, 1, 'schema'));
      const identifier = String(argAt(args, 2, 'identifier'));
      if (!execute) return null;
      const a = ask({ kind: 'relation', schema, identifier });
      if (a.kind !== 'relation' || !a.relation) return null;
      return relationValue({
        database: a.relation.database ?? targetDatabase,
        schema: a.relation.schema,
        identifier: a.relation.identifier,
        type: a.relation.type ?? null,
      });
    },
    get_columns_in_relation: (relation: unknown) => {
      if (!execute || !isRelationValue(relation)) return [];
      const a = ask({ kind: 'columns', relation: relation.toRelation() });
      return a.kind === 'columns' ? a.columns.map(columnValue) : [];
    },
    get_missing_columns: (from: unknown, to: unknown) => {
      const fromCols = adapter.get_columns_in_relation(from) as { name: string }[];
      const toNames = new Set((adapter.get_columns_in_relation(to) as { name: string }[]).map((c) => c.name.toLowerCase()));
      return fromCols.filter((c) => !toNames.has(c.name.toLowerCase()));
    },
    create_schema: () => '',
    drop_relation: () => '',
    rename_relation: () => '',
    already_exists: (...args: unknown[]) => adapter.get_relation(null, ...args) !== null,
    check_schema_exists: () => true,
  };

  const exceptions = {
    raise_compiler_error: (msg: unknown) => {
      throw new CompilationError(String(msg), { where: opts.where });
    },
    raise_not_implemented: (msg: unknown) => {
      throw new CompilationError(String(msg), { where: opts.where });
    },
    warn: (msg: unknown) => {
      env.logger.warn(String(msg), { where: opts.where });
      return '';
    },
    raise_fail_fast_error: (msg: unknown) => {
      throw new CompilationError(String(msg), { where: opts.where });
    },
  };

  const log = (...args: unknown[]) => {
    const msg = String(argAt(args, 0, 'msg', ''));
    if (argAt(args, 1, 'info', false)) env.logger.info(msg);
    else env.logger.debug(msg);
    return '';
  };

  const context: Record<string, unknown> = {
    ref,
    source,
    config,
    var: varFn,
    env_var: envVar,
    this: thisRelation,
    target: env.target,
    execute,
    is_incremental: () => Boolean(opts.isIncremental),
    should_full_refresh: () => env.fullRefresh,
    run_query: runQuery,
    statement,
    load_result: (name: unknown) => statements.get(String(name)) ?? null,
    store_result: (...args: unknown[]) => {
      statements.set(String(argAt(args, 0, 'name')), { response: argAt(args, 1, 'response'), table: argAt(args, 2, 'agate_table') });
      return '';
    },
    log,
    print: (msg: unknown) => {
      env.logger.info(String(msg));
      return '';
    },
    exceptions,
    adapter,
    modules: pythonModules(() => new Date()),
    api: {
      Relation: {
        create: (...args: unknown[]) => {
          const kw = kwargsOf(args);
          return relationValue({
            database: (kw.database as string | undefined) ?? targetDatabase,
            schema: String(kw.schema ?? targetSchema),
            identifier: String(kw.identifier ?? ''),
            type: (kw.type as string | undefined) ?? null,
          });
        },
      },
      Column: { create: (name: string, dtype: string) => columnValue({ name, dataType: dtype }) },
    },
    project_name: env.projectName,
    dbt_version: '1.10.0',
    invocation_id: env.invocationId,
    run_started_at: pyDateTime(env.runStartedAt),
    flags: env.flags,
    model: node ?? {},
    builtins: { ref, source, config },
    tojson: (v: unknown) => JSON.stringify(v),
    fromjson: (s: unknown, fallback: unknown = null) => {
      try {
        return JSON.parse(String(s));
      } catch {
        return fallback;
      }
    },
    toyaml: (v: unknown) => yaml.dump(v),
    fromyaml: (s: unknown) => yaml.load(String(s)),
    local_md5: (s: unknown) => createHash('md5').update(String(s)).digest('hex'),
    zip: (...lists: unknown[][]) => {
      const ls = positionalOf(lists) as unknown[][];
      const n = Math.min(...ls.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => ls.map((l) => l[i]));
    },
    set: (items: unknown) => [...new Set(Array.isArray(items) ? items : [])],
    selected_resources: [],
    doc: (name: unknown) => {
      const d = Object.values(env.manifest.docs).find((x) => x.name === String(name));
      return d ? d.block_contents : '';
    },
    ...opts.extra,
  };
  Object.defineProperty(context, 'graph', {
    enumerable: true,
    get: () => ({ nodes: env.manifest.nodes, sources: env.manifest.sources, exposures: {}, metrics: {} }),
  });
  return context;
}
