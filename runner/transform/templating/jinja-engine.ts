/**
 * JinjaEngine: dbt-flavoured Jinja on nunjucks. See index.ts for the API contract.
 */
import nunjucks from 'nunjucks';
import type { Logger } from '../../common/logger';
import { isKwargs, makeKwargs } from './call-args';
import { JinjaCompileError, type JinjaErrorLocation } from './jinja-compile-error';
import { generateCode, type CompileTarget } from './jinja-compiler';
import { createFilters } from './jinja-filters';
import { createGlobals } from './jinja-globals';
import { nodes } from './jinja-nodes';
import { parseTemplate } from './jinja-parser';
import type { AnyFn } from './internal-functions';
import { JinjaRuntime, ReturnSignal, type StatementRequest } from './jinja-runtime';
import type { Literal } from './simple-template';
import { createTests } from './jinja-tests';
import { builtinMacroFiles } from './builtin-macros';
import { MacroRegistry, type MacroEntry, type MacroFileRecord } from './macro-registry';
import { resolveDispatch, type DispatchConfig } from './resolve-dispatch';
import { cloneLiteral, parseSimpleTemplate, type SimplePart } from './simple-template';
import { staticCalls, type StaticCalls } from './static-calls';

const Frame: any = (nunjucks as any).runtime.Frame;
const nunjucksRuntime: any = (nunjucks as any).runtime;

type RootFn = (
  env: unknown,
  context: unknown,
  frame: unknown,
  runtime: unknown,
  cb: (err: unknown, out?: string) => void,
) => void;

/** Compiled templates kept per engine (the oldest is dropped beyond this; a project has far fewer). */
const MAX_CACHED_TEMPLATES = 100_000;

/** A compiled template: renders in the runtime's current state, throws what the template threw. */
type Renderer = () => string;

export interface JinjaEngineOptions {
  /** The root project's name (its macros are callable by bare name everywhere and override built-ins). */
  rootPackage: string;
  /** Used by `log()`, `print()` and `exceptions.warn()`. */
  logger: Logger;
  /**
   * The adapter type `adapter.dispatch` searches first (`duckdb`, `postgres`). Defaults to the rendering
   * context's `target.type`.
   */
  adapterType?: string;
  /** Parent adapter types searched after the adapter's own, e.g. `{ redshift: ['postgres'] }`. */
  adapterParents?: Record<string, string[]>;
  /** dbt_project.yml `dispatch:` entries. */
  dispatch?: DispatchConfig[];
  /** Register dbt's built-in macros (generate_schema_name, cross-database helpers...). Default true. */
  builtinMacros?: boolean;
  /** Packages treated as built-ins (default `['dbt']`). */
  internalPackages?: string[];
  /** Default handler of `{% call statement(...) %}` blocks (a render may pass its own). */
  onStatement?: (request: StatementRequest, context: Record<string, unknown>) => unknown;
}

export interface MacroFileInput {
  path: string;
  source: string;
  packageName: string;
}

export interface RenderOptions {
  /** The file being rendered, for error locations. */
  path?: string;
  /** The package of the node being rendered (default: the root project). */
  packageName?: string;
  /** Handler for statement blocks during this render (overrides the engine's). */
  onStatement?: (request: StatementRequest) => unknown;
  /**
   * dbt's parse-time leniency (use when rendering with execute=False): calling an undefined name, or a
   * method of None/undefined (`run_query(...).columns[0].values()`), yields undefined instead of an error.
   */
  lenient?: boolean;
  /** Collects `package.name` of every macro the render called (for the manifest's depends_on.macros). */
  usedMacros?: Set<string>;
}

export interface MacroArgs {
  args?: unknown[];
  kwargs?: Record<string, unknown>;
}

export interface MacroInfo {
  /** As registered: `test_<name>` for `{% test %}`, `materialization_<name>_<adapter>` for materializations. */
  name: string;
  packageName: string;
  path: string;
  /** 1-based line of the opening tag. */
  line: number;
  kind: 'macro' | 'test' | 'materialization';
}

function macroInfo(e: MacroEntry): MacroInfo {
  return { name: e.name, packageName: e.packageName, path: e.path, line: e.line, kind: e.kind };
}

/** Jinja turns every line ending into `\n` (newline_sequence) and drops one trailing newline. */
function normalizeSource(src: string): string {
  const text = src.includes('\r') ? src.replace(/\r\n?/g, '\n') : src;
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function toCompileError(e: unknown, path: string | undefined): JinjaCompileError {
  if (e instanceof JinjaCompileError) return e;
  const err = e as { message?: string; lineno?: number; colno?: number };
  const message = String(err?.message ?? e)
    .replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/, '')
    .replace(
      /^(parseAggregate|parseSignature|parseFor|parseIf|parseSet|advanceAfterBlockEnd|compilePair): /,
      '',
    );
  return new JinjaCompileError(message, {
    path,
    line: typeof err?.lineno === 'number' ? err.lineno : undefined,
    column: typeof err?.colno === 'number' ? err.colno : undefined,
    cause: e,
  });
}

/** Top-level macro definitions of a parsed file (materialization tags produce a list of them). */
function topLevelMacros(ast: any): any[] {
  const out: any[] = [];
  for (const child of ast.children) {
    if (child instanceof nodes.Macro) out.push(child);
    else if (child.typename === 'NodeList')
      for (const c of child.children) if (c instanceof nodes.Macro) out.push(c);
  }
  return out;
}

export class JinjaEngine {
  /** The nunjucks Environment compiled templates run in (autoescape off). */
  readonly env: nunjucks.Environment;
  readonly registry: MacroRegistry;
  readonly runtime: JinjaRuntime;
  private readonly cache = new Map<string, Renderer>();
  private readonly emptyFrame = new Frame();
  private readonly options: JinjaEngineOptions;
  private readonly context = { ctx: {}, setVariable() {}, addExport() {}, lookup: () => undefined };

  constructor(options: JinjaEngineOptions) {
    this.options = options;
    this.registry = new MacroRegistry({
      rootPackage: options.rootPackage,
      internalPackages: options.internalPackages,
    });
    this.env = new nunjucks.Environment([], { autoescape: false });
    this.runtime = new JinjaRuntime(this.registry, {
      dispatch: (args) => this.dispatchFromTemplate(args),
      loadMacro: (entry) => this.loadMacro(entry),
    });
    (this.env as any).lf = this.runtime;
    this.runtime.filters = createFilters(this.runtime);
    this.runtime.tests = createTests(this.runtime);
    this.runtime.globals = createGlobals(this.runtime, {
      logger: options.logger,
      statement: (req) => {
        const state = this.runtime.state;
        if (state.onStatement) return state.onStatement(req);
        if (this.options.onStatement) return this.options.onStatement(req, state.vars);
        return undefined;
      },
    });
    if (options.builtinMacros !== false) {
      for (const file of builtinMacroFiles()) this.addMacroFile({ ...file, packageName: 'dbt' });
    }
  }

  // ---- macros ---------------------------------------------------------------------------------

  /**
   * Register the macros of one file (`{% macro %}`, `{% test %}` as `test_<name>`, `{% materialization %}`
   * as `materialization_<name>_<adapter>`). Re-registering a path replaces its macros. Throws
   * JinjaCompileError on a syntax error. Returns what was registered.
   */
  addMacroFile(file: MacroFileInput): MacroInfo[] {
    let ast: any;
    try {
      ast = parseTemplate(file.source.includes('\r') ? file.source.replace(/\r\n?/g, '\n') : file.source);
    } catch (e) {
      throw toCompileError(e, file.path);
    }
    const macros = topLevelMacros(ast);
    const record: MacroFileRecord = {
      path: file.path,
      packageName: file.packageName,
      ast: new nodes.Root(0, 0, macros),
      macroNames: macros.map((m) => m.name.value),
    };
    this.registry.removeFile(file.path, file.packageName);
    this.runtime.forgetMacros();
    const infos: MacroInfo[] = [];
    for (const m of macros) {
      const entry: MacroEntry = {
        name: m.name.value,
        packageName: file.packageName,
        path: file.path,
        line: m.lineno + 1,
        kind: m.kind ?? 'macro',
        file: record,
      };
      this.registry.add(entry);
      infos.push(macroInfo(entry));
    }
    return infos;
  }

  /** The macro a name resolves to from `packageName` (`name` or `pkg.name`), as dbt would resolve it. */
  findMacro(name: string, packageName = this.options.rootPackage): MacroInfo | undefined {
    const entry = this.resolveEntry(name, packageName);
    return entry ? macroInfo(entry) : undefined;
  }

  private resolveEntry(name: string, packageName: string): MacroEntry | undefined {
    const dot = name.indexOf('.');
    if (dot > 0) return this.registry.inNamespace(name.slice(0, dot), name.slice(dot + 1));
    return this.registry.bare(name, packageName) ?? this.registry.internal(name);
  }

  private loadMacro(entry: MacroEntry): AnyFn {
    const file = entry.file;
    if (!file.compiled) {
      const root = this.compileAst(file.ast, {
        path: file.path,
        packageName: file.packageName,
        exportMacros: true,
      });
      const ctx: Record<string, AnyFn> = {};
      const context = {
        ctx,
        setVariable: (n: string, v: AnyFn) => (ctx[n] = v),
        addExport() {},
        lookup: () => undefined,
      };
      let failure: unknown;
      root(this.env, context, new Frame(), nunjucksRuntime, (err) => (failure = err));
      if (failure) throw toCompileError(failure, file.path);
      file.compiled = ctx;
    }
    const fn = file.compiled[entry.name];
    if (!fn)
      throw new JinjaCompileError(`macro '${entry.name}' is missing from ${file.path}`, { path: file.path });
    return fn;
  }

  // ---- compile & render -----------------------------------------------------------------------

  private compileAst(ast: any, target: CompileTarget, errorPath = target.path ?? undefined): RootFn {
    let code: string;
    try {
      code = generateCode(ast, target);
    } catch (e) {
      throw toCompileError(e, errorPath);
    }
    try {
      return (new Function(code)() as { root: RootFn }).root;
    } catch (e) {
      throw new JinjaCompileError(`invalid template structure: ${(e as Error).message}`, {
        path: errorPath,
        cause: e,
      });
    }
  }

  private compiled(source: string, path: string | undefined): Renderer {
    let renderer = this.cache.get(source);
    if (!renderer) {
      const src = normalizeSource(source);
      const simple = parseSimpleTemplate(src);
      if (simple) {
        renderer = this.simpleRenderer(simple);
      } else {
        let ast: any;
        try {
          ast = parseTemplate(src);
        } catch (e) {
          throw toCompileError(e, path);
        }
        renderer = this.rootRenderer(
          this.compileAst(ast, { path: null, packageName: null, exportMacros: false }, path),
        );
      }
      if (this.cache.size >= MAX_CACHED_TEMPLATES)
        this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(source, renderer);
    }
    return renderer;
  }

  private rootRenderer(root: RootFn): Renderer {
    return () => {
      let out = '';
      let failure: unknown;
      root(this.env, this.context, new Frame(), nunjucksRuntime, (err, res) => {
        failure = err;
        out = res ?? '';
      });
      if (failure !== undefined && failure !== null) throw failure;
      return out;
    };
  }

  /** Text and simple expressions, evaluated through the same runtime calls compiled code makes. */
  private simpleRenderer(parts: SimplePart[]): Renderer {
    const rt = this.runtime;
    const frame = this.emptyFrame;
    if (parts.every((p) => typeof p === 'string')) {
      const text = parts.join('');
      return () => text;
    }
    return () => {
      let out = '';
      for (const part of parts) {
        if (typeof part === 'string') {
          out += part;
          continue;
        }
        try {
          const { path, call } = part;
          let value = rt.lookup(frame, path[0], null);
          if (!call) {
            for (let i = 1; i < path.length; i++) value = rt.attr(value, path[i]);
          } else {
            const label = path.join('.');
            const args: unknown[] = part.mutable ? call.args.map(cloneLiteral) : call.args.slice();
            if (call.kwargs.length) {
              const kw: Record<string, unknown> = {};
              for (const [k, v] of call.kwargs) kw[k] = part.mutable ? cloneLiteral(v as Literal) : v;
              args.push(rt.kwargs(kw));
            }
            if (path.length === 1) {
              value = rt.call(value, label, args);
            } else {
              for (let i = 1; i < path.length - 1; i++) value = rt.attr(value, path[i]);
              value = rt.callMethod(value, path[path.length - 1], label, args);
            }
          }
          out += rt.str(value);
        } catch (e) {
          throw rt.fail(e, part.line, part.col, null);
        }
      }
      return out;
    };
  }

  /** Parse and compile a template without rendering it (cached by source text). Throws JinjaCompileError. */
  compile(source: string, options: { path?: string } = {}): void {
    this.compiled(source, options.path);
  }

  /**
   * Render a template with a context of plain values and functions. Synchronous and free of side effects
   * other than the context's own functions; errors thrown by those propagate unchanged.
   */
  render(source: string, context: Record<string, unknown> = {}, options: RenderOptions = {}): string {
    const renderer = this.compiled(source, options.path);
    const packageName = options.packageName ?? this.options.rootPackage;
    this.runtime.push({
      vars: context,
      packageName,
      path: options.path,
      onStatement: options.onStatement,
      lenient: options.lenient,
      usedMacros: options.usedMacros,
    });
    const prevPkg = this.runtime.currentPackage;
    this.runtime.currentPackage = packageName;
    try {
      return renderer();
    } catch (e) {
      if (e instanceof ReturnSignal) {
        throw new JinjaCompileError('return() was called outside of a macro', { path: options.path });
      }
      throw e;
    } finally {
      this.runtime.currentPackage = prevPkg;
      this.runtime.pop();
    }
  }

  /**
   * The value of one Jinja expression (not its text): `evaluate("target.name == 'prod'", ctx)` → true,
   * `evaluate("var('days', 3) * 2", ctx)` → 6. For YAML values such as `+enabled` or `loaded_at_field`.
   */
  evaluate(expression: string, context: Record<string, unknown> = {}, options: RenderOptions = {}): unknown {
    const renderer = this.compiled(`{% do return((${expression}\n)) %}`, options.path);
    const packageName = options.packageName ?? this.options.rootPackage;
    this.runtime.push({ vars: context, packageName, path: options.path, lenient: options.lenient });
    const prevPkg = this.runtime.currentPackage;
    this.runtime.currentPackage = packageName;
    try {
      renderer();
      return undefined;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.runtime.currentPackage = prevPkg;
      this.runtime.pop();
    }
  }

  /**
   * Call a macro by name (`generate_schema_name`, `dbt_utils.star`) and return its value: the rendered
   * text, or what it passed to `return()`. `args` is a positional list or `{ args, kwargs }`.
   */
  callMacro(
    name: string,
    args: unknown[] | MacroArgs = [],
    context: Record<string, unknown> = {},
    options: RenderOptions = {},
  ): unknown {
    const packageName = options.packageName ?? this.options.rootPackage;
    const entry = this.resolveEntry(name, packageName);
    if (!entry) {
      throw new JinjaCompileError(`macro '${name}' is not defined`, {
        path: options.path,
        hint: 'check the macro name and that its package is installed',
      });
    }
    const callArgs: unknown[] = Array.isArray(args) ? args.slice() : (args.args ?? []).slice();
    const kwargs = Array.isArray(args) ? undefined : args.kwargs;
    if (kwargs && Object.keys(kwargs).length) callArgs.push(makeKwargs(kwargs));
    this.runtime.push({
      vars: context,
      packageName,
      path: options.path,
      onStatement: options.onStatement,
      lenient: options.lenient,
      usedMacros: options.usedMacros,
    });
    try {
      const fn = this.runtime.macroFunction(entry);
      return fn(...callArgs);
    } finally {
      this.runtime.pop();
    }
  }

  /** `adapter.dispatch(name, namespace)` resolved from outside a template (e.g. for materializations). */
  dispatch(
    macroName: string,
    namespace: string | null = null,
    context: Record<string, unknown> = {},
  ): MacroInfo {
    const entry = this.dispatchEntry(macroName, namespace, context, this.options.rootPackage);
    return macroInfo(entry);
  }

  private dispatchEntry(
    macroName: string,
    namespace: string | null,
    vars: Record<string, unknown>,
    currentPackage: string,
  ): MacroEntry {
    const target = vars.target as { type?: string } | undefined;
    const adapterType = this.options.adapterType ?? target?.type;
    return resolveDispatch({
      registry: this.registry,
      macroName,
      namespace,
      adapterType,
      adapterParents: this.options.adapterParents ?? {},
      dispatch: this.options.dispatch ?? [],
      currentPackage,
    });
  }

  private dispatchFromTemplate(args: unknown[]): unknown {
    const positional = args.filter((a) => !isKwargs(a));
    const kw = (args.find(isKwargs) ?? {}) as Record<string, unknown>;
    const macroName = positional[0] ?? kw.macro_name;
    const namespace = positional[1] ?? kw.macro_namespace ?? null;
    if (typeof macroName !== 'string') throw new JinjaCompileError('adapter.dispatch() needs a macro name');
    if (namespace !== null && typeof namespace !== 'string') {
      throw new JinjaCompileError('adapter.dispatch(): macro_namespace must be a string');
    }
    const entry = this.dispatchEntry(
      macroName,
      namespace,
      this.runtime.state.vars,
      this.runtime.currentPackage,
    );
    return this.runtime.macroFunction(entry);
  }

  // ---- static fast path, errors ---------------------------------------------------------------

  /**
   * The literal `ref`/`source`/`config` calls of a model that needs no rendering to find them, or null
   * (control flow, other expressions, or the project overrides `ref`/`source`/`config` with macros).
   */
  staticCalls(source: string): StaticCalls | null {
    const root = this.options.rootPackage;
    for (const name of ['ref', 'source', 'config']) if (this.registry.get(root, name)) return null;
    return staticCalls(source);
  }

  /** Where an engine error that propagated out of a render was thrown (file, 1-based line and column). */
  errorLocation(error: unknown): JinjaErrorLocation | undefined {
    return this.runtime.locationOf(error);
  }

  /** Every registered macro. */
  macros(): MacroInfo[] {
    const out: MacroInfo[] = [];
    for (const { packageName, names } of this.registry.list()) {
      for (const name of names) {
        const e = this.registry.get(packageName, name)!;
        out.push(macroInfo(e));
      }
    }
    return out;
  }
}
