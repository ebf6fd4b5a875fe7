/**
 * The Jinja templating layer of the transform engine: dbt-flavoured Jinja on nunjucks.
 *
 * ```ts
 * const jinja = new JinjaEngine({ rootPackage: 'learn', logger, dispatch: project.dispatch });
 * jinja.addMacroFile({ path: 'macros/x.sql', source, packageName: 'learn' });          // every macro file
 * jinja.addMacroFile({ path: 'dbt_packages/dbt_utils/macros/sql/star.sql', source, packageName: 'dbt_utils' });
 *
 * const calls = jinja.staticCalls(modelSql);   // literal ref/source/config only? → { refs, sources, config }
 * const sql = jinja.render(modelSql, context, { path: 'models/a.sql', packageName: 'learn' });
 * const schema = jinja.callMacro('generate_schema_name', [customSchema, node], context);
 * const enabled = jinja.evaluate("target.type == 'duckdb'", context);   // a value, not text
 * ```
 *
 * Context: plain values and functions (`ref`, `source`, `config`, `this`, `target`, `var`, `env_var`,
 * `execute`, `is_incremental`, `run_query`, `load_result`, `adapter`, `model`, `graph`, `flags`...).
 * - Calls reach functions as positional arguments plus, when keywords were used, one trailing `Kwargs`
 *   object: `config(materialized='table')` → `config(Kwargs {materialized: 'table'})`. Use `splitArgs(args)`
 *   or `bindArgs(args, ['name', 'default'])` (see call-args.ts). Methods of objects are called with `this`.
 * - Return `null` for Python's None (`adapter.get_relation()` not finding one: `is none` is true) and `''`
 *   (or `undefined`) for "nothing to print" (`config()`, `log()`): `undefined` behaves like Jinja's
 *   Undefined (prints nothing, `is defined` false, `is none` false).
 * - Values print the Python way: `null` → `None`, booleans → `True`/`False`, arrays → `[1, 'a']`, plain
 *   objects → `{'a': 1}`; `undefined` prints nothing. Objects with their own `toString()` (relations) print
 *   through it, so `{{ ref('x') }}` prints whatever the relation's `toString()` returns.
 * - `adapter`: the engine's object is wrapped so `adapter.dispatch(name, namespace)` works (it resolves
 *   `<adapter>__name` then parents then `default__name`, per the `dispatch:` config); every other member is
 *   the engine's own. The adapter type is `options.adapterType` or `context.target.type`.
 * - `builtins` defaults to `{ ref, source, config }` of the context (for projects that override `ref`).
 * - Errors thrown by context functions propagate unchanged (same object). `engine.errorLocation(err)`
 *   tells where in the template they were thrown. Rendering is synchronous and deterministic: a
 *   `run_query` that throws a "needs database" error, then re-rendering with the result cached, works.
 * - `{% call statement('name', fetch_result=True) %}sql{% endcall %}`: when `context.execute` is not false,
 *   the body is rendered and handed to `options.onStatement({ name, sql, fetchResult, autoBegin, language })`
 *   (per render, or the engine default); the engine stores the result for its `load_result(name)`.
 *
 * Names resolve as in dbt: local variables, then macros of the current package and the root project
 * (these override context entries and built-ins: a project `generate_schema_name` or `ref` wins), then the
 * context, then package namespaces (`dbt_utils.star`), then built-in macros (package `dbt`, see
 * builtin-macros.ts), then Jinja/dbt globals (`return`, `log`, `exceptions`, `modules`, `tojson`...).
 *
 * `render`/`callMacro` options: `path`, `packageName`, `onStatement`, `lenient`, and `usedMacros` (a Set that
 * receives `package.name` of every macro called, for the manifest's `depends_on.macros`).
 *
 * Parse time: render with `{ lenient: true }` when `execute` is false to get dbt's parse-time leniency
 * (calling an undefined name or a method of None yields undefined), so unguarded `run_query` code parses.
 *
 * Errors: syntax errors, `exceptions.raise_compiler_error()`, calls of undefined names and failing Python
 * operations are `JinjaCompileError` with `path`, 1-based `line`/`column` of the innermost template and
 * `calledFrom` (the macro call sites it went through).
 *
 * Whitespace is Jinja's default as dbt configures it: no trim_blocks/lstrip_blocks, `-` controls trimming,
 * and one trailing newline of a rendered template is dropped.
 *
 * Macro registration: `addMacroFile` returns `MacroInfo[]` (`name`, `packageName`, `path`, 1-based `line`,
 * `kind`); `{% test x %}` registers `test_x`, `{% materialization m, adapter='duckdb' %}` registers
 * `materialization_m_duckdb`. `findMacro(name, pkg)` resolves like a template would; `dispatch(name, ns)`
 * resolves like `adapter.dispatch`. Macros compile on first call; a file's macros see each other.
 * `builtinMacros` (default on) registers dbt's naming macros, cross-database helpers and generic tests
 * under the internal package `dbt`; any project macro of the same name wins.
 *
 * Performance: templates are cached by source text (per engine). Text with only `{{ name }}`,
 * `{{ a.b }}` and `{{ f(literal, k=literal) }}` expressions renders without code generation; anything else
 * is compiled once to a JavaScript function. `staticCalls(source)` answers the parse-time question
 * without rendering.
 *
 * Python objects: JS arrays are lists (tuples print as `(a, b)`), plain objects are dicts, `Set`s are sets.
 * `modules.datetime` values are `PyDateTime`/`PyDate`/`PyTimedelta` (python-datetime.ts); pass a
 * `PyDateTime` as `run_started_at` so `.strftime()` and arithmetic work. Relation objects count as
 * mappings for dbt_utils' `_is_relation` when they have `get()` and `keys()` methods and
 * `metadata.type` ending in `Relation`.
 */
export { JinjaEngine } from './jinja-engine';
export { BUILTIN_MACRO_DIR, builtinMacroFiles } from './builtin-macros';
export type { JinjaEngineOptions, MacroArgs, MacroFileInput, MacroInfo, RenderOptions } from './jinja-engine';
export { JinjaCompileError } from './jinja-compile-error';
export type { JinjaCompileErrorOptions, JinjaErrorLocation } from './jinja-compile-error';
export type { StatementRequest } from './jinja-runtime';
export { Kwargs, bindArgs, isKwargs, makeKwargs, splitArgs } from './call-args';
export { staticCalls } from './static-calls';
export type { StaticCalls, StaticRef, StaticSource } from './static-calls';
export type { DispatchConfig } from './resolve-dispatch';
export { pyRepr, pyStr, tuple } from './python-repr';
export { PyDate, PyDateTime, PyTimedelta, parseIso } from './python-datetime';
export { truthy } from './python-operators';
