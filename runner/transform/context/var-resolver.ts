import { CompilationError } from '../compile/compilation-error';

/**
 * `var()`: values from `--vars` win, then the project's `vars:` scoped to the node's package, then the
 * project's global vars, then the default; a missing var without a default is a compile error.
 */
export class VarResolver {
  constructor(
    private readonly cliVars: Record<string, unknown>,
    private readonly projectVars: Record<string, unknown>,
    private readonly packageNames: ReadonlySet<string>,
  ) {}

  has(name: string, packageName: string): boolean {
    return this.lookup(name, packageName) !== MISSING;
  }

  get(name: string, packageName: string, fallback: unknown, hasFallback: boolean, where: string): unknown {
    const v = this.lookup(name, packageName);
    if (v !== MISSING) return v;
    if (hasFallback) return fallback;
    throw new CompilationError(`Required var '${name}' not found in config`, {
      where,
      hint: `define it under vars: in dbt_project.yml or pass --vars '{${name}: ...}'`,
    });
  }

  private lookup(name: string, packageName: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.cliVars, name)) return this.cliVars[name];
    const scoped = this.projectVars[packageName];
    if (
      this.packageNames.has(packageName) &&
      isScope(scoped) &&
      Object.prototype.hasOwnProperty.call(scoped, name)
    ) {
      return scoped[name];
    }
    if (
      Object.prototype.hasOwnProperty.call(this.projectVars, name) &&
      !(this.packageNames.has(name) && isScope(this.projectVars[name]))
    ) {
      return this.projectVars[name];
    }
    return MISSING;
  }
}

const MISSING = Symbol('missing');

function isScope(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
