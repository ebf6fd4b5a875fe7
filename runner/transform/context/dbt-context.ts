/**
 * The context templates render with: dbt's names (`ref`, `source`, `config`, `var`, `this`, `run_query`...)
 * backed by the manifest, the target and, when executing, the database through replay rendering.
 */
import type { Logger } from '../../common/logger';
import type { Manifest, ManifestNode, RefCall } from '../parse/manifest-types';
import { CompilationError } from '../compile/compilation-error';
import { normaliseConfigKey, checkConfigKey } from '../project/config-keys';
import { argAt, kwargsOf, positionalOf } from './call-args';
import type { DatabaseAnswer, ReplayState } from './database-request';
import type { RefIndex } from './ref-index';
import { isRelationValue, relationValue, type RelationValue } from './relation-value';
import type { VarResolver } from './var-resolver';
import { agateTable } from './agate-table';
import { sharedContext } from './shared-context';
import { columnValue } from './column-value';

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

/** What the members of one render's context share. */
interface Scope {
  env: RenderEnvironment;
  opts: RenderOptions;
  statements: Map<string, unknown>;
}

const SCOPE = Symbol('dbt.scope');
type Ctx = Record<string | symbol, unknown>;

/**
 * The context of one render. Members are created on first use (a model that only calls `ref` does not
 * pay for `adapter` or `run_query`): each is a getter on a per-invocation prototype that builds the member
 * from the render's scope and caches it on the context.
 */
export function dbtContext(env: RenderEnvironment, opts: RenderOptions): Record<string, unknown> {
  const context = Object.create(lazyPrototype(env)) as Ctx;
  context[SCOPE] = { env, opts, statements: new Map() } satisfies Scope;
  const node = opts.node;
  context.this = node && node.relation_name !== null ? env.relationOf(node) : null;
  context.execute = opts.execute;
  context.model = node ?? {};
  if (opts.extra) Object.assign(context, opts.extra);
  return context as Record<string, unknown>;
}

function ask(s: Scope, request: Parameters<ReplayState['ask']>[0]): DatabaseAnswer {
  if (!s.opts.replay) {
    throw new CompilationError(
      `this template queries the database (${request.kind}) where no connection is available`,
      {
        where: s.opts.where,
        hint: 'guard database calls with {% if execute %}',
      },
    );
  }
  return s.opts.replay.ask(request);
}

function refImpl(s: Scope, args: unknown[]): RelationValue {
  const { env, opts } = s;
  const pos = positionalOf(args).map(String);
  const kw = kwargsOf(args);
  const name = pos.length >= 2 ? pos[1] : String(pos[0] ?? kw.model_name ?? kw.name ?? '');
  const pkg = pos.length >= 2 ? pos[0] : ((kw.package_name as string | undefined) ?? null);
  const version = (kw.version ?? kw.v ?? null) as string | number | null;
  if (!name) throw new CompilationError('ref() needs a model name', { where: opts.where });
  if (opts.capture) {
    opts.capture.refs.push({ name, package: pkg, version });
    if (!opts.execute) {
      return relationValue({
        database: (env.target.database as string | undefined) ?? null,
        schema: String(env.target.schema),
        identifier: name,
      });
    }
  }
  const target = env.refs.resolveNode(name, pkg, opts.packageName, opts.where);
  opts.usedRefs?.add(target.unique_id);
  if (target.config.materialized === 'ephemeral') {
    if (opts.ephemeralRefs && !opts.ephemeralRefs.includes(target.unique_id))
      opts.ephemeralRefs.push(target.unique_id);
    return relationValue({ database: null, schema: '', identifier: `__dbt__cte__${target.name}`, cte: true });
  }
  return env.relationOf(target);
}

function sourceImpl(s: Scope, args: unknown[]): RelationValue {
  const { env, opts } = s;
  const src = String(argAt(args, 0, 'source_name'));
  const table = String(argAt(args, 1, 'table_name'));
  if (opts.capture) {
    opts.capture.sources.push([src, table]);
    if (!opts.execute)
      return relationValue({
        database: (env.target.database as string | undefined) ?? null,
        schema: src,
        identifier: table,
      });
  }
  const found = env.refs.resolveSource(src, table, opts.where);
  opts.usedRefs?.add(found.unique_id);
  return relationValue({
    database: found.database,
    schema: found.schema,
    identifier: found.identifier,
    type: 'table',
  });
}

function configMember(s: Scope) {
  const { opts } = s;
  const node = opts.node;
  const nodeConfig = (node?.config ?? {}) as Record<string, unknown>;
  const capture = opts.capture;
  return Object.assign(
    (...args: unknown[]): string => {
      if (!capture) return '';
      const pos = positionalOf(args);
      const values = {
        ...(typeof pos[0] === 'object' && pos[0] ? (pos[0] as Record<string, unknown>) : {}),
        ...kwargsOf(args),
      };
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
}

function varMember(s: Scope) {
  const { env, opts } = s;
  return Object.assign(
    (...args: unknown[]) => {
      const pos = positionalOf(args);
      const kw = kwargsOf(args);
      const name = String(pos[0] ?? kw.name);
      const hasDefault = pos.length > 1 || 'default' in kw;
      return env.vars.get(
        name,
        opts.packageName,
        pos.length > 1 ? pos[1] : kw.default,
        hasDefault,
        opts.where,
      );
    },
    { has_var: (name: string) => env.vars.has(name, opts.packageName) },
  );
}

function envVarImpl(s: Scope, args: unknown[]): unknown {
  const pos = positionalOf(args);
  const name = String(pos[0]);
  if (name.startsWith('DBT_ENV_SECRET') && s.opts.node) {
    throw new CompilationError(`secret env var '${name}' may only be used in profiles.yml and packages.yml`, {
      where: s.opts.where,
    });
  }
  const v = s.env.env[name];
  if (v !== undefined) return v;
  if (pos.length > 1) return pos[1];
  throw new CompilationError(`Env var required but not provided: '${name}'`, { where: s.opts.where });
}

function statementImpl(s: Scope, args: unknown[]): string {
  const kw = kwargsOf(args);
  const name = String(argAt(args, 0, 'name', 'statement'));
  const fetch = Boolean(argAt(args, 1, 'fetch_result', false));
  const caller = kw.caller as (() => unknown) | undefined;
  const sql = caller ? String(caller()) : '';
  if (!s.opts.execute) return '';
  const a = ask(s, { kind: 'query', sql });
  if (a.kind === 'query') {
    s.statements.set(name, {
      response: { _message: `OK ${a.rowsAffected}`, rows_affected: a.rowsAffected, code: 'OK' },
      data: fetch ? a.rows.map((r) => a.columns.map((c) => r[c.name])) : [],
      table: fetch ? agateTable(a.columns, a.rows) : null,
    });
  }
  return '';
}

function adapterMember(s: Scope) {
  const { env, opts } = s;
  const targetDatabase = (env.target.database as string | undefined) ?? null;
  const adapter = {
    type: () => env.adapterType,
    quote: (x: unknown) => `"${String(x).replace(/"/g, '""')}"`,
    get_relation: (...args: unknown[]) => {
      const schema = String(argAt(args, 1, 'schema'));
      const identifier = String(argAt(args, 2, 'identifier'));
      if (!opts.execute) return null;
      const a = ask(s, { kind: 'relation', schema, identifier });
      if (a.kind !== 'relation' || !a.relation) return null;
      return relationValue({
        database: a.relation.database ?? targetDatabase,
        schema: a.relation.schema,
        identifier: a.relation.identifier,
        type: a.relation.type ?? null,
      });
    },
    get_columns_in_relation: (relation: unknown) => {
      if (!opts.execute || !isRelationValue(relation)) return [];
      const a = ask(s, { kind: 'columns', relation: relation.toRelation() });
      return a.kind === 'columns' ? a.columns.map(columnValue) : [];
    },
    get_missing_columns: (from: unknown, to: unknown) => {
      const fromCols = adapter.get_columns_in_relation(from) as { name: string }[];
      const toNames = new Set(
        (adapter.get_columns_in_relation(to) as { name: string }[]).map((c) => c.name.toLowerCase()),
      );
      return fromCols.filter((c) => !toNames.has(c.name.toLowerCase()));
    },
    create_schema: () => '',
    drop_relation: () => '',
    rename_relation: () => '',
    already_exists: (...args: unknown[]) => adapter.get_relation(null, ...args) !== null,
    check_schema_exists: () => true,
  };
  return adapter;
}

function exceptionsMember(s: Scope) {
  const where = s.opts.where;
  const fail = (msg: unknown) => {
    throw new CompilationError(String(msg), { where });
  };
  return {
    raise_compiler_error: fail,
    raise_not_implemented: fail,
    raise_fail_fast_error: fail,
    warn: (msg: unknown) => {
      s.env.logger.warn(String(msg), { where });
      return '';
    },
  };
}

function logImpl(s: Scope, args: unknown[]): string {
  const msg = String(argAt(args, 0, 'msg', ''));
  if (argAt(args, 1, 'info', false)) s.env.logger.info(msg);
  else s.env.logger.debug(msg);
  return '';
}

/** Per-render members, each built on first use. */
const LAZY: Record<string, (s: Scope) => unknown> = {
  ref:
    (s) =>
    (...args: unknown[]) =>
      refImpl(s, args),
  source:
    (s) =>
    (...args: unknown[]) =>
      sourceImpl(s, args),
  config: configMember,
  var: varMember,
  env_var:
    (s) =>
    (...args: unknown[]) =>
      envVarImpl(s, args),
  is_incremental: (s) => () => Boolean(s.opts.isIncremental),
  run_query: (s) => (sql: unknown) => {
    if (!s.opts.execute) return null;
    const a = ask(s, { kind: 'query', sql: String(sql) });
    return a.kind === 'query' ? agateTable(a.columns, a.rows) : null;
  },
  statement:
    (s) =>
    (...args: unknown[]) =>
      statementImpl(s, args),
  load_result: (s) => (name: unknown) => s.statements.get(String(name)) ?? null,
  store_result:
    (s) =>
    (...args: unknown[]) => {
      s.statements.set(String(argAt(args, 0, 'name')), {
        response: argAt(args, 1, 'response'),
        table: argAt(args, 2, 'agate_table'),
      });
      return '';
    },
  log:
    (s) =>
    (...args: unknown[]) =>
      logImpl(s, args),
  exceptions: exceptionsMember,
  adapter: adapterMember,
  builtins: (s) => {
    return {
      ref: (...args: unknown[]) => refImpl(s, args),
      source: (...args: unknown[]) => sourceImpl(s, args),
      config: configMember(s),
    };
  },
};

const prototypes = new WeakMap<RenderEnvironment, object>();

function lazyPrototype(env: RenderEnvironment): object {
  const hit = prototypes.get(env);
  if (hit) return hit;
  const proto = Object.create(sharedContext(env)) as object;
  for (const [name, make] of Object.entries(LAZY)) {
    Object.defineProperty(proto, name, {
      enumerable: true,
      configurable: true,
      get(this: Ctx) {
        const value = make(this[SCOPE] as Scope);
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
        return value;
      },
    });
  }
  prototypes.set(env, proto);
  return proto;
}
