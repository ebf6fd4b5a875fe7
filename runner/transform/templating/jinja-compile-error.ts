import { LearnflowError } from '../../common/errors';

export interface JinjaErrorLocation {
  /** The file as the engine named it (a model, a macro file); undefined for anonymous templates. */
  path?: string;
  /** 1-based line and column in that file. */
  line?: number;
  column?: number;
}

export interface JinjaCompileErrorOptions extends JinjaErrorLocation {
  hint?: string;
  cause?: unknown;
  /** Where the failing macro was called from, innermost first (`macros/x.sql:3:5`). */
  calledFrom?: string[];
}

function formatWhere(loc: JinjaErrorLocation): string | undefined {
  if (!loc.path && loc.line === undefined) return undefined;
  let where = loc.path ?? '<template>';
  if (loc.line !== undefined) where += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) where += `:${loc.column}`;
  return where;
}

/**
 * A Jinja syntax error, a failed `exceptions.raise_compiler_error()`, a call of something undefined, or
 * a Python operation that fails (a bad format string, `None.upper()`...). `where` is `path:line:column`
 * of the innermost template; `calledFrom` lists the call sites of the macros it went through.
 */
export class JinjaCompileError extends LearnflowError {
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly calledFrom: string[];

  constructor(message: string, options: JinjaCompileErrorOptions = {}) {
    super(message, { where: formatWhere(options), hint: options.hint, cause: options.cause });
    this.path = options.path;
    this.line = options.line;
    this.column = options.column;
    this.calledFrom = options.calledFrom ?? [];
  }

  /** True once the error names a file position. */
  get located(): boolean {
    return this.line !== undefined;
  }

  override describe(): string {
    const base = super.describe();
    if (!this.calledFrom.length) return base;
    return base + this.calledFrom.map((c) => `\n  called from ${c}`).join('');
  }
}
