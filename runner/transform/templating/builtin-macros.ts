import fs from 'node:fs';
import path from 'node:path';

/**
 * The part of dbt's global project ("dbt" package) that real projects and packages call: the naming
 * macros, the cross-database helpers dbt_utils relies on (`dbt.concat`, `dbt.hash`, `dbt.type_string`...)
 * and the generic data tests. One set, shipped as Jinja in `runner/transform/builtin/macros/`; each macro
 * is dispatched, so a project or package can override any of them. A compiled build (dist/) has no .sql
 * files of its own, so it reads them from the package's runner/ sources.
 */
export const BUILTIN_MACRO_DIR = [
  path.join(__dirname, '..', 'builtin', 'macros'),
  path.join(__dirname, '..', '..', '..', '..', 'runner', 'transform', 'builtin', 'macros'),
].find((d) => fs.existsSync(d)) as string;

let files: { path: string; source: string }[] | undefined;

/** The built-in macro files, read once. */
export function builtinMacroFiles(): { path: string; source: string }[] {
  files ??= fs
    .readdirSync(BUILTIN_MACRO_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({
      path: path.join(BUILTIN_MACRO_DIR, f),
      source: fs.readFileSync(path.join(BUILTIN_MACRO_DIR, f), 'utf8'),
    }));
  return files;
}
