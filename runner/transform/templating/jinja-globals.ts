/**
 * The functions and objects every template sees unless the context or a macro of the same name shadows
 * them: Jinja's globals (`range`, `dict`, `namespace`, `cycler`, `joiner`) and dbt's (`return`, `log`,
 * `print`, `exceptions`, `modules`, `tojson`, `fromjson`, `toyaml`, `fromyaml`, `zip`, `set`, `local_md5`,
 * `statement`...).
 */
import { createHash } from 'node:crypto';
import { dump as yamlDump, load as yamlLoad } from 'js-yaml';
import type { Logger } from '../../common/logger';
import { bindArgs, splitArgs } from './call-args';
import { JinjaCompileError } from './jinja-compile-error';
import { internal, type AnyFn } from './internal-functions';
import { ReturnSignal, type JinjaRuntime, type StatementRequest } from './jinja-runtime';
import { createDatetimeModule } from './python-datetime';
import { pyJson } from './python-json';
import { iterate, truthy } from './python-operators';
import { createReModule } from './python-re';
import { isDict, pyRepr, pyStr, tuple } from './python-repr';

export interface GlobalsOptions {
  logger: Logger;
  /** Runs a statement block; its return value is ignored (results go through `load_result`). */
  statement: (request: StatementRequest) => unknown;
}

/** Jinja's `namespace()`: an object whose attributes `{% set ns.x = ... %}` may assign. */
export class Namespace {
  [key: string]: unknown;
  toString(): string {
    return `<Namespace ${pyStr({ ...this })}>`;
  }
}

const MAX_RANGE = 10_000_000;

export function pyRange(...raw: unknown[]): number[] {
  const args = splitArgs(raw).args.map(Number);
  const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
  if (step === 0) throw new RangeError('range() arg 3 must not be zero');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (n > MAX_RANGE) throw new RangeError(`range() of ${n} items is too large`);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

function toDict(raw: unknown[]): Record<string, unknown> {
  const { args, kwargs } = splitArgs(raw);
  const out: Record<string, unknown> = {};
  for (const src of args) {
    if (isDict(src)) Object.assign(out, src);
    else if (src instanceof Map) for (const [k, v] of src) out[pyStr(k)] = v;
    else for (const pair of iterate(src)) out[pyStr((pair as unknown[])[0])] = (pair as unknown[])[1];
  }
  return Object.assign(out, kwargs);
}

function zip(raw: unknown[]): unknown[][] {
  const lists = splitArgs(raw).args.map(iterate);
  if (!lists.length) return [];
  const n = Math.min(...lists.map((l) => l.length));
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) out.push(tuple(lists.map((l) => l[i])));
  return out;
}

/** dbt's diff_of_two_dicts: keys of a (with values) missing from b, compared case-insensitively. */
function diffOfTwoDicts(
  a: Record<string, unknown[]>,
  b: Record<string, unknown[]>,
): Record<string, unknown[]> {
  const lowerB = new Map(
    Object.entries(b ?? {}).map(([k, v]) => [k.toLowerCase(), (v ?? []).map((x) => pyStr(x).toLowerCase())]),
  );
  const out: Record<string, unknown[]> = {};
  for (const [k, values] of Object.entries(a ?? {})) {
    const other = lowerB.get(k.toLowerCase());
    if (!other) {
      out[k] = values;
      continue;
    }
    const missing = (values ?? []).filter((v) => !other.includes(pyStr(v).toLowerCase()));
    if (missing.length) out[k] = missing;
  }
  return out;
}

function raiser(kind: string) {
  return internal((...args: unknown[]) => {
    const { args: pos } = splitArgs(args);
    const message = pos.length ? pyStr(pos[0]) : `${kind} error`;
    throw new JinjaCompileError(message);
  });
}

export function createGlobals(rt: JinjaRuntime, options: GlobalsOptions): Record<string, unknown> {
  const { logger } = options;
  const g: Record<string, unknown> = Object.create(null);
  const def = (name: string, fn: AnyFn) => {
    g[name] = internal(fn);
  };

  def('return', (...args: unknown[]) => {
    throw new ReturnSignal(splitArgs(args).args[0] ?? null);
  });
  def('log', (...args: unknown[]) => {
    const { msg, info } = bindArgs(args, ['msg', 'info'], { info: false });
    if (truthy(info)) logger.info(pyStr(msg));
    else logger.debug(pyStr(msg));
    return '';
  });
  def('print', (...args: unknown[]) => {
    logger.info(
      splitArgs(args)
        .args.map((a) => pyStr(a))
        .join(' '),
    );
    return '';
  });
  g.exceptions = {
    raise_compiler_error: raiser('compiler'),
    raise_not_implemented: raiser('unsupported feature'),
    raise_database_error: raiser('database'),
    raise_fail_fast_error: raiser('fail fast'),
    raise_contract_error: raiser('contract'),
    column_type_missing: raiser('column type missing'),
    warn: internal((...args: unknown[]) => {
      logger.warn(pyStr(splitArgs(args).args[0]));
      return '';
    }),
  };
  def('namespace', (...args: unknown[]) => Object.assign(new Namespace(), toDict(args)));
  def('range', pyRange);
  def('dict', (...args: unknown[]) => toDict(args));
  def('list', (...args: unknown[]) => {
    const v = splitArgs(args).args[0];
    return v === undefined ? [] : iterate(v).slice();
  });
  def('zip', (...args: unknown[]) => zip(args));
  def('try_zip', (...args: unknown[]) => zip(args));
  def('set', (...args: unknown[]) => {
    const { value, default: dflt } = bindArgs(args, ['value', 'default'], { default: null });
    try {
      return new Set(iterate(value));
    } catch {
      return dflt;
    }
  });
  def('try_set', (...args: unknown[]) => {
    const { value } = bindArgs(args, ['value']);
    try {
      return new Set(iterate(value));
    } catch {
      throw new JinjaCompileError(`Couldn't set ${pyRepr(value)}`);
    }
  });
  def('tojson', (...args: unknown[]) => {
    const {
      value,
      default: dflt,
      sort_keys,
    } = bindArgs(args, ['value', 'default', 'sort_keys'], {
      default: null,
      sort_keys: false,
    });
    try {
      return pyJson(value, { sortKeys: truthy(sort_keys) });
    } catch {
      return dflt;
    }
  });
  def('fromjson', (...args: unknown[]) => {
    const { string, default: dflt } = bindArgs(args, ['string', 'default'], { default: null });
    try {
      return JSON.parse(pyStr(string));
    } catch {
      return dflt;
    }
  });
  def('toyaml', (...args: unknown[]) => {
    const {
      value,
      default: dflt,
      sort_keys,
    } = bindArgs(args, ['value', 'default', 'sort_keys'], {
      default: null,
      sort_keys: false,
    });
    try {
      return yamlDump(value, { sortKeys: truthy(sort_keys) });
    } catch {
      return dflt;
    }
  });
  def('fromyaml', (...args: unknown[]) => {
    const { value, default: dflt } = bindArgs(args, ['value', 'default'], { default: null });
    try {
      return yamlLoad(pyStr(value));
    } catch {
      return dflt;
    }
  });
  def('local_md5', (...args: unknown[]) =>
    createHash('md5')
      .update(pyStr(splitArgs(args).args[0]))
      .digest('hex'),
  );
  def('diff_of_two_dicts', (...args: unknown[]) => {
    const { dict_a, dict_b } = bindArgs(args, ['dict_a', 'dict_b']);
    return diffOfTwoDicts(dict_a as Record<string, unknown[]>, dict_b as Record<string, unknown[]>);
  });
  def('cycler', (...args: unknown[]) => {
    const items = splitArgs(args).args;
    let pos = 0;
    return {
      get current() {
        return items[pos];
      },
      next: internal(() => {
        const v = items[pos];
        pos = (pos + 1) % Math.max(1, items.length);
        return v;
      }),
      reset: internal(() => {
        pos = 0;
        return '';
      }),
    };
  });
  def('joiner', (...args: unknown[]) => {
    const { sep } = bindArgs(args, ['sep'], { sep: ', ' });
    let used = false;
    return internal(() => {
      if (used) return sep;
      used = true;
      return '';
    });
  });
  def('statement', (...args: unknown[]) => {
    const bound = bindArgs(args, ['name', 'fetch_result', 'auto_begin', 'language'], {
      name: null,
      fetch_result: false,
      auto_begin: true,
      language: 'sql',
    });
    const vars = rt.state.vars;
    if ('execute' in vars && !truthy(vars.execute)) return '';
    const caller = bound.caller as AnyFn | undefined;
    let sql: string;
    try {
      sql = caller ? pyStr(caller()) : '';
    } catch (e) {
      // statement is a macro in dbt: a return() in its body ends the statement with that value, unexecuted.
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    }
    options.statement({
      name: bound.name === null || bound.name === undefined ? null : pyStr(bound.name),
      sql,
      fetchResult: truthy(bound.fetch_result),
      autoBegin: truthy(bound.auto_begin),
      language: pyStr(bound.language),
    });
    return '';
  });
  g.modules = {
    datetime: createDatetimeModule(),
    re: createReModule(),
    pytz: createDatetimeModule().pytz,
    itertools: {
      chain: internal((...args: unknown[]) => splitArgs(args).args.flatMap((a) => iterate(a))),
      product: internal((...args: unknown[]) =>
        splitArgs(args)
          .args.map(iterate)
          .reduce<unknown[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]),
      ),
    },
  };
  return g;
}
