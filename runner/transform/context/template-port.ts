/**
 * What the engine needs from the templating layer. `create-template-port.ts` implements it over
 * `../templating` (the JinjaEngine); everything else in the engine talks to this interface only.
 */

/** One file of macros (`{% macro %}`, `{% test %}`, `{% materialization %}` blocks). */
export interface MacroFile {
  packageName: string;
  /** Package-relative path, used in error messages and the manifest. */
  path: string;
  source: string;
}

export interface MacroInfo {
  name: string;
  packageName: string;
  path: string;
  /** `test` for `{% test name %}` blocks (registered as `test_<name>`). */
  kind: 'macro' | 'test' | 'materialization';
  source: string;
}

/** The literal `ref` / `source` / `config` calls of a template, when it has nothing else dynamic. */
export interface StaticCalls {
  refs: { name: string; package: string | null; version: string | number | null }[];
  sources: [string, string][];
  configs: Record<string, unknown>[];
}

export interface TemplatePort {
  /** The adapter `adapter.dispatch` resolves for (`duckdb__x`, then `default__x`). */
  setAdapterType(type: string): void;
  /** Register macro files, dependencies first and the root project last (its macros win). */
  loadMacros(
    files: MacroFile[],
    rootPackage: string,
    dispatch: { macro_namespace: string; search_order: string[] }[],
  ): MacroInfo[];
  /** Render a template (a model, a hook, a YAML value) with the given context; macros see the same context. */
  render(
    source: string,
    context: Record<string, unknown>,
    opts: { file: string; packageName: string },
  ): string;
  /** Call a macro by name (`generate_schema_name`, `test_unique`, `dbt.date_trunc`...). */
  callMacro(
    name: string,
    kwargs: Record<string, unknown>,
    context: Record<string, unknown>,
    opts: { packageName: string },
  ): unknown;
  hasMacro(name: string, packageName?: string): boolean;
  /** The package whose macro `name` resolves to from the root project (to skip rendering when it is a built-in). */
  macroPackage(name: string): string | undefined;
  /** The literal calls of a template, or undefined when it needs a full render. */
  staticCalls(source: string): StaticCalls | undefined;
}
