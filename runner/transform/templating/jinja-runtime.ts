/**
 * The run-time half of the template compiler: compiled templates call these methods through `env.lf`.
 * One instance per JinjaEngine (no state shared between engines). Rendering is synchronous, so the
 * current render (its context, package and path) is a stack held here.
 */
import nunjucks from 'nunjucks';
import { LearnflowError } from '../../common/errors';
import { isKwargs, Kwargs, makeKwargs } from './call-args';
import { JinjaCompileError, type JinjaErrorLocation } from './jinja-compile-error';
import type { MacroEntry, MacroRegistry } from './macro-registry';
import {
  DICT_METHODS,
  LIST_METHODS,
  MAP_METHODS,
  methodsOf,
  SET_METHODS,
  STRING_METHODS,
} from './python-methods';
import { fromJsDate } from './python-datetime';
import { INTERNAL, internal, internalClass, type AnyFn } from './internal-functions';
import * as ops from './python-operators';
import { isDict, pyRepr, pyStr, tuple } from './python-repr';

const Frame: any = (nunjucks as any).runtime.Frame;

/** Thrown by `return(x)`, caught by the enclosing macro call. */
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

/** A statement block handed to the engine: `{% call statement('x', fetch_result=True) %}sql{% endcall %}`. */
export interface StatementRequest {
  name: string | null;
  sql: string;
  fetchResult: boolean;
  autoBegin: boolean;
  language: string;
}

export interface RenderState {
  vars: Record<string, unknown>;
  packageName: string;
  path?: string;
  onStatement?: (request: StatementRequest) => unknown;
  /** dbt's parse-time undefined: calling or calling a method of an undefined value yields undefined. */
  lenient?: boolean;
  /** Receives `package.name` of every macro called (for the manifest's depends_on.macros). */
  usedMacros?: Set<string>;
}

/** `pkg.macro` */
export class PackageNamespace {
  constructor(
    readonly name: string,
    private readonly rt: JinjaRuntime,
  ) {}
  get(key: string): unknown {
    const entry = this.rt.registry.inNamespace(this.name, key);
    return entry ? this.rt.macroFunction(entry) : undefined;
  }
  toString(): string {
    return `<namespace ${this.name}>`;
  }
}

/** The `adapter` object templates see: the engine's adapter plus `dispatch`, which needs the macro registry. */
export class AdapterFacade {
  constructor(
    readonly inner: any,
    readonly dispatch: AnyFn,
  ) {}
  toString(): string {
    return '<adapter>';
  }
}

/** Jinja's `loop` variable. */
export class LoopContext {
  readonly index: number;
  readonly index0: number;
  readonly revindex: number;
  readonly revindex0: number;
  readonly first: boolean;
  readonly last: boolean;
  readonly length: number;
  readonly depth = 1;
  readonly depth0 = 0;
  constructor(
    private readonly items: unknown[],
    i: number,
    /** Shared by the iterations of one loop (for `changed()`). */
    private readonly shared: { last?: string } = {},
  ) {
    const len = items.length;
    this.index = i + 1;
    this.index0 = i;
    this.revindex = len - i;
    this.revindex0 = len - i - 1;
    this.first = i === 0;
    this.last = i === len - 1;
    this.length = len;
  }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : undefined;
  }
  get nextitem(): unknown {
    return this.index < this.length ? this.items[this.index] : undefined;
  }
  /** True on the first call and whenever the arguments differ from the previous iteration's call. */
  changed(...values: unknown[]): boolean {
    const key = pyRepr(values);
    if (this.shared.last === key) return false;
    this.shared.last = key;
    return true;
  }
  cycle(...values: unknown[]): unknown {
    const vals = values.filter((v) => !isKwargs(v));
    return vals.length ? vals[this.index0 % vals.length] : undefined;
  }
}

const OBJECT_PROTO = Object.prototype as unknown as Record<string, unknown>;
/** Never reachable from templates: they lead to Function and to prototypes shared by all code. */
const UNSAFE_KEYS = new Set<unknown>([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
]);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const MAX_DEPTH = 250;

function bindIfFunction(owner: unknown, value: unknown): unknown {
  return typeof value === 'function' && !(value as any)[INTERNAL] ? (value as AnyFn).bind(owner) : value;
}

function bindMethod(method: (self: any, args: unknown[]) => unknown, self: unknown): AnyFn {
  return internal((...args: unknown[]) => method(self, args));
}

export interface RuntimeHooks {
  /** Resolve `adapter.dispatch(name, namespace)` to a macro function. */
  dispatch(args: unknown[]): unknown;
  /** The macro functions of a registered entry (compiles its file on first use). */
  loadMacro(entry: MacroEntry): AnyFn;
}

export class JinjaRuntime {
  readonly stack: RenderState[] = [];
  state!: RenderState;
  /** The package of the macro being executed (for `adapter.dispatch` without a namespace). */
  currentPackage = '';
  filters: Record<string, AnyFn> = Object.create(null);
  tests: Record<string, AnyFn> = Object.create(null);
  globals: Record<string, unknown> = Object.create(null);
  private depth = 0;
  private readonly external = new WeakSet<object>();
  private readonly locations = new WeakMap<object, JinjaErrorLocation>();
  private readonly facades = new WeakMap<object, AdapterFacade>();
  private bareFacade?: AdapterFacade;
  private readonly namespaces = new Map<string, PackageNamespace>();
  private readonly macroFns = new Map<MacroEntry, AnyFn>();

  constructor(
    readonly registry: MacroRegistry,
    private readonly hooks: RuntimeHooks,
  ) {}

  // ---- render state -------------------------------------------------------------------------

  push(state: RenderState): void {
    this.stack.push(state);
    this.state = state;
  }

  pop(): void {
    this.stack.pop();
    this.state = this.stack[this.stack.length - 1];
  }

  /** Where an engine error thrown during rendering happened (engine errors propagate unwrapped). */
  locationOf(error: unknown): JinjaErrorLocation | undefined {
    return error && typeof error === 'object' ? this.locations.get(error) : undefined;
  }

  // ---- names --------------------------------------------------------------------------------

  lookup(frame: any, name: string, pkg: string | null): unknown {
    for (let f = frame; f; f = f.parent) {
      const vars = f.variables;
      if (name in vars) return vars[name];
    }
    return this.resolveGlobal(name, pkg ?? this.state.packageName);
  }

  resolveGlobal(name: string, pkg: string): unknown {
    const entry = this.registry.bare(name, pkg);
    if (entry) return this.macroFunction(entry);
    const vars = this.state.vars;
    const v = vars[name];
    if (v !== undefined && v !== OBJECT_PROTO[name]) return name === 'adapter' ? this.adapterFacade(v) : v;
    if (this.registry.hasNamespace(name)) return this.namespace(name);
    const builtin = this.registry.internal(name);
    if (builtin) return this.macroFunction(builtin);
    if (name === 'adapter') return this.adapterFacade(undefined);
    if (name === 'builtins') return { ref: vars.ref, source: vars.source, config: vars.config };
    return this.globals[name];
  }

  macroFunction(entry: MacroEntry): AnyFn {
    let fn = this.macroFns.get(entry);
    if (!fn) {
      fn = this.hooks.loadMacro(entry);
      this.macroFns.set(entry, fn);
    }
    return fn;
  }

  /** Forget compiled macro functions (after a macro file is replaced). */
  forgetMacros(): void {
    this.macroFns.clear();
  }

  namespace(name: string): PackageNamespace {
    let ns = this.namespaces.get(name);
    if (!ns) {
      ns = new PackageNamespace(name, this);
      this.namespaces.set(name, ns);
    }
    return ns;
  }

  adapterFacade(inner: unknown): AdapterFacade {
    const dispatch = internal((...args: unknown[]) => this.hooks.dispatch(args));
    if (inner === undefined || inner === null || typeof inner !== 'object') {
      this.bareFacade ??= new AdapterFacade({}, dispatch);
      return this.bareFacade;
    }
    if (inner instanceof AdapterFacade) return inner;
    let facade = this.facades.get(inner);
    if (!facade) {
      facade = new AdapterFacade(inner, dispatch);
      this.facades.set(inner, facade);
    }
    return facade;
  }

  // ---- attributes, items, calls ---------------------------------------------------------------

  /** `obj.key` (Python getattr, then getitem). */
  attr(obj: any, key: any): unknown {
    if (obj === null || obj === undefined || UNSAFE_KEYS.has(key)) return undefined;
    if (obj instanceof Date) obj = fromJsDate(obj);
    if (typeof obj === 'string') {
      const m = STRING_METHODS[key];
      return m ? bindMethod(m, obj) : ops.index(obj, key);
    }
    if (Array.isArray(obj)) {
      if (typeof key === 'number') return ops.index(obj, key);
      const m = LIST_METHODS[key];
      return m ? bindMethod(m, obj) : undefined;
    }
    if (isDict(obj)) {
      const own = hasOwn(obj, key) ? obj[key] : undefined;
      if (typeof own === 'function') return own;
      const m = DICT_METHODS[key];
      if (m) return bindMethod(m, obj);
      return own;
    }
    if (obj instanceof PackageNamespace) return obj.get(key);
    if (obj instanceof AdapterFacade)
      return key === 'dispatch' ? obj.dispatch : bindIfFunction(obj.inner, obj.inner[key]);
    if (obj instanceof Set) {
      const m = SET_METHODS[key];
      return m ? bindMethod(m, obj) : undefined;
    }
    if (obj instanceof Map) {
      const m = MAP_METHODS[key];
      return m ? bindMethod(m, obj) : obj.get(key);
    }
    if (typeof obj === 'object' || typeof obj === 'function') return bindIfFunction(obj, obj[key]);
    return undefined;
  }

  /** `obj[key]` (Python getitem, then getattr). */
  item(obj: any, key: any): unknown {
    if (obj === null || obj === undefined || UNSAFE_KEYS.has(key)) return undefined;
    if (isDict(obj)) {
      const k = typeof key === 'string' ? key : pyStr(key);
      return hasOwn(obj, k) ? obj[k] : undefined;
    }
    if (typeof obj === 'string' || Array.isArray(obj) || obj instanceof Map) return ops.index(obj, key);
    if (obj instanceof PackageNamespace || obj instanceof AdapterFacade) return this.attr(obj, key);
    return bindIfFunction(obj, ops.index(obj, key));
  }

  slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
    return ops.slice(obj, start, stop, step);
  }

  /** `obj.key(args)`: Python methods of str/list/dict/set first, then the object's own. */
  callMethod(obj: any, key: string, label: string, args: unknown[], _position?: undefined): unknown {
    if (UNSAFE_KEYS.has(key)) throw new JinjaCompileError(`access to '${key}' is not allowed in templates`);
    if ((obj === null || obj === undefined) && this.state.lenient) return undefined;
    if (obj instanceof Date) obj = fromJsDate(obj);
    if (obj !== null && obj !== undefined) {
      const methods = methodsOf(obj);
      if (methods) {
        if (isDict(obj) && typeof obj[key] === 'function' && hasOwn(obj, key))
          return this.call(obj[key], label, args, obj);
        const m = methods[key];
        if (m) return m(obj, args);
        const own = this.attr(obj, key);
        if (own === undefined)
          throw new JinjaCompileError(`'${ops.typeName(obj)}' object has no attribute '${key}'`);
        return this.call(own, label, args);
      }
      if (obj instanceof AdapterFacade) {
        if (key === 'dispatch') return this.hooks.dispatch(args);
        return this.call(obj.inner[key], label, args, obj.inner);
      }
      if (obj instanceof PackageNamespace) return this.call(obj.get(key), label, args);
      if (typeof obj === 'object' || typeof obj === 'function') {
        const fn = obj[key];
        if (fn === undefined)
          throw new JinjaCompileError(`'${ops.typeName(obj)}' object has no attribute '${key}'`);
        return this.call(fn, label, args, obj);
      }
    }
    if (obj === null) throw new JinjaCompileError(`'NoneType' object has no attribute '${key}'`);
    if (obj === undefined) {
      const target = label.slice(0, label.length - key.length - 1);
      throw new JinjaCompileError(`'${target}' is undefined`, { hint: 'check the spelling and the context' });
    }
    throw new JinjaCompileError(`'${ops.typeName(obj)}' object has no attribute '${key}'`);
  }

  call(fn: unknown, label: string, args: unknown[], thisArg?: unknown): unknown {
    if (typeof fn !== 'function') {
      if ((fn === undefined || fn === null) && this.state.lenient) return undefined;
      throw new JinjaCompileError(
        fn === undefined || fn === null
          ? `'${label}' is undefined. This can happen when calling a macro that does not exist.`
          : `'${label}' is not callable (it is a ${ops.typeName(fn)})`,
        {
          hint:
            fn === undefined
              ? 'check the spelling, that the package is listed in packages.yml, and the macro-paths'
              : undefined,
        },
      );
    }
    if ((fn as any)[INTERNAL]) return (fn as AnyFn).apply(thisArg, args);
    let result: unknown;
    try {
      result = (fn as AnyFn).apply(thisArg, args);
    } catch (e) {
      if (e && typeof e === 'object' && !(e instanceof JinjaCompileError) && !(e instanceof ReturnSignal)) {
        this.external.add(e);
      }
      throw e;
    }
    if (result instanceof Promise) {
      result.catch(() => undefined);
      throw new JinjaCompileError(`'${label}' returned a Promise, but rendering is synchronous`, {
        hint: 'context functions must return values; to query the database, throw, run the query, cache it and render again',
      });
    }
    return result;
  }

  /** Arguments of a call that used `*args` / `**kwargs`. */
  buildArgs(
    positional: unknown[],
    stars: unknown[],
    keywords: Kwargs | null,
    starstars: unknown[],
  ): unknown[] {
    const args = positional.slice();
    for (const s of stars) args.push(...ops.iterate(s));
    const kw: Record<string, unknown> = keywords ? { ...keywords } : {};
    for (const d of starstars) {
      if (d === undefined || d === null) continue;
      if (!isDict(d) && !(d instanceof Map))
        throw new TypeError(`argument after ** must be a mapping, not ${ops.typeName(d)}`);
      Object.assign(kw, d instanceof Map ? Object.fromEntries(d) : d);
    }
    if (Object.keys(kw).length) args.push(makeKwargs(kw));
    return args;
  }

  /** The value of `return(x)` compiled as a JavaScript return (see the compiler). */
  returned(args: unknown[]): unknown {
    const first = args.length && !isKwargs(args[0]) ? args[0] : undefined;
    return first ?? null;
  }

  kwargs(values: Record<string, unknown>): Kwargs {
    return makeKwargs(values);
  }

  key(k: unknown): string {
    return typeof k === 'string' ? k : pyStr(k);
  }

  filter(name: string): AnyFn {
    const f = this.filters[name];
    if (!f) throw new JinjaCompileError(`no filter named '${name}'`);
    return f;
  }

  test(name: string): AnyFn {
    const t = this.tests[name];
    if (!t) throw new JinjaCompileError(`no test named '${name}'`);
    return t;
  }

  // ---- statements -----------------------------------------------------------------------------

  setattr(obj: any, key: unknown, value: unknown): void {
    if (UNSAFE_KEYS.has(this.key(key)))
      throw new JinjaCompileError(`access to '${this.key(key)}' is not allowed in templates`);
    if (obj === null || obj === undefined || (typeof obj !== 'object' && typeof obj !== 'function')) {
      throw new TypeError(`cannot set attribute '${pyStr(key)}' on ${ops.typeName(obj)}`);
    }
    obj[this.key(key)] = value;
  }

  unpack(frame: any, names: string[], value: unknown): void {
    const items = ops.iterate(value);
    if (items.length !== names.length) {
      throw new TypeError(
        items.length < names.length
          ? `not enough values to unpack (expected ${names.length}, got ${items.length})`
          : `too many values to unpack (expected ${names.length})`,
      );
    }
    names.forEach((n, i) => frame.set(n, items[i]));
  }

  iter(value: unknown, names: number): unknown[] {
    if (names > 1) {
      if (isDict(value)) return Object.entries(value).map(tuple);
      if (value instanceof Map) return [...value.entries()];
    } else if (value instanceof Map) {
      return [...value.keys()];
    }
    return ops.iterate(value);
  }

  loop(items: unknown[], i: number, shared: { last?: string }): LoopContext {
    return new LoopContext(items, i, shared);
  }

  /** Build a macro (or a `caller`) function: Python-style argument binding, `varargs`, `kwargs`, `return()`. */
  macro(
    name: string,
    params: string[],
    pkg: string | null,
    parentFrame: any,
    isCaller: boolean,
    body: (frame: any) => string,
  ): AnyFn {
    // A macro sees the names of the scope it was defined in (the template's top level, where sibling
    // macros live); a caller body also sees the local names around its {% call %}.
    const fn = (...args: unknown[]): unknown => {
      const frame = parentFrame ? parentFrame.push(true) : new Frame();
      const vars = frame.variables;
      let n = args.length;
      const kw = n && isKwargs(args[n - 1]) ? (args[--n] as Kwargs) : undefined;
      for (const p of params) vars[p] = undefined;
      const varargs: unknown[] = [];
      for (let i = 0; i < n; i++) {
        if (i < params.length) vars[params[i]] = args[i];
        else varargs.push(args[i]);
      }
      const extra: Record<string, unknown> = {};
      if (kw) {
        for (const k of Object.keys(kw)) {
          if (k === 'caller') vars.caller = kw[k];
          else if (params.includes(k)) vars[k] = kw[k];
          else extra[k] = kw[k];
        }
      }
      vars.varargs = varargs;
      vars.kwargs = extra;
      const prevPkg = this.currentPackage;
      if (pkg !== null) this.currentPackage = pkg;
      if (!isCaller && pkg !== null) this.state?.usedMacros?.add(`${pkg}.${name}`);
      if (++this.depth > MAX_DEPTH) {
        this.depth--;
        this.currentPackage = prevPkg;
        throw new JinjaCompileError(`maximum recursion depth exceeded in macro '${name}'`);
      }
      try {
        return body(frame);
      } catch (e) {
        // A `caller` body is not a macro boundary: return() inside it returns from the enclosing macro call.
        if (e instanceof ReturnSignal && !isCaller) return e.value;
        throw e;
      } finally {
        this.depth--;
        this.currentPackage = prevPkg;
      }
    };
    Object.defineProperty(fn, 'name', { value: name });
    return internal(fn);
  }

  // ---- errors ---------------------------------------------------------------------------------

  /** Called by every compiled function's catch: locate and type the error, or pass engine errors through. */
  fail(e: unknown, lineno: number, colno: number, path: string | null): unknown {
    if (e instanceof ReturnSignal) return e;
    const loc: JinjaErrorLocation = { path: path ?? this.state?.path, line: lineno + 1, column: colno + 1 };
    if (e instanceof JinjaCompileError) {
      if (!e.located) {
        return new JinjaCompileError(e.message, {
          ...loc,
          hint: e.hint,
          cause: e.cause,
          calledFrom: e.calledFrom,
        });
      }
      const site = `${loc.path ?? '<template>'}:${loc.line}:${loc.column}`;
      const here = `${e.path ?? '<template>'}:${e.line}:${e.column}`;
      if (site !== here && e.calledFrom[e.calledFrom.length - 1] !== site) e.calledFrom.push(site);
      return e;
    }
    if (e === null || typeof e !== 'object' || this.external.has(e) || e instanceof LearnflowError) {
      if (e && typeof e === 'object' && !this.locations.has(e)) this.locations.set(e, loc);
      return e;
    }
    const err = e as { message?: string; lineno?: number; colno?: number };
    const message = String(err.message ?? e).replace(/^\(unknown path\)\s*/, '');
    return new JinjaCompileError(message, { ...loc, cause: e });
  }

  // ---- operators (see python-operators.ts) ----------------------------------------------------

  readonly truthy = ops.truthy;
  readonly eq = ops.eq;
  ne(a: unknown, b: unknown): boolean {
    return !ops.eq(a, b);
  }
  lt(a: any, b: any): boolean {
    return a < b;
  }
  gt(a: any, b: any): boolean {
    return a > b;
  }
  le(a: any, b: any): boolean {
    return a <= b;
  }
  ge(a: any, b: any): boolean {
    return a >= b;
  }
  readonly add = ops.add;
  readonly sub = ops.sub;
  readonly mul = ops.mul;
  readonly div = ops.div;
  readonly floordiv = ops.floordiv;
  readonly pow = ops.pow;
  readonly mod = ops.mod;
  readonly neg = ops.neg;
  readonly contains = ops.contains;
  readonly str = pyStr;
  readonly tuple = tuple;
}

internalClass(LoopContext, PackageNamespace, AdapterFacade);
