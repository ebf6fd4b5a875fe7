/**
 * Which macros exist and how a name resolves, following dbt's macro namespace:
 * a bare name resolves in the current package, then the root project, then the internal packages
 * (dbt's built-ins, overridable by any project macro of the same name); `pkg.name` addresses one package.
 */

/** One `{% macro %}` (or `{% test %}` → `test_<name>`, `{% materialization %}` → `materialization_<name>_<adapter>`). */
export interface MacroEntry {
  name: string;
  packageName: string;
  path: string;
  /** 1-based line of the macro tag. */
  line: number;
  kind: 'macro' | 'test' | 'materialization';
  file: MacroFileRecord;
}

/** A macro file, parsed at registration; compiled on the first call of one of its macros. */
export interface MacroFileRecord {
  path: string;
  packageName: string;
  ast: unknown;
  macroNames: string[];
  compiled?: Record<string, (...args: unknown[]) => unknown>;
}

export interface MacroRegistryOptions {
  rootPackage: string;
  /** Packages whose macros are built-ins (dbt's global project); the first wins on a name clash. */
  internalPackages?: string[];
}

export class MacroRegistry {
  readonly rootPackage: string;
  readonly internalPackages: string[];
  private readonly packages = new Map<string, Map<string, MacroEntry>>();

  constructor(options: MacroRegistryOptions) {
    this.rootPackage = options.rootPackage;
    this.internalPackages = options.internalPackages ?? ['dbt'];
  }

  add(entry: MacroEntry): void {
    let pkg = this.packages.get(entry.packageName);
    if (!pkg) {
      pkg = new Map();
      this.packages.set(entry.packageName, pkg);
    }
    pkg.set(entry.name, entry);
  }

  /** Remove every macro a file defined (before re-registering a changed file). */
  removeFile(path: string, packageName: string): void {
    const pkg = this.packages.get(packageName);
    if (!pkg) return;
    for (const [name, entry] of pkg) if (entry.path === path) pkg.delete(name);
  }

  get(packageName: string, name: string): MacroEntry | undefined {
    return this.packages.get(packageName)?.get(name);
  }

  isInternal(packageName: string): boolean {
    return this.internalPackages.includes(packageName);
  }

  /** A name used as `name.macro`: any registered package, the root project, or `dbt` (the built-ins). */
  hasNamespace(name: string): boolean {
    return this.packages.has(name) || name === this.rootPackage || this.isInternal(name);
  }

  /** `pkg.name`: `dbt.x` reaches every internal package. */
  inNamespace(namespace: string, name: string): MacroEntry | undefined {
    if (namespace === 'dbt' || this.isInternal(namespace))
      return this.get(namespace, name) ?? this.internal(name);
    return this.get(namespace, name);
  }

  /** A bare name from code in `packageName`: that package, then the root project (not the built-ins). */
  bare(name: string, packageName: string): MacroEntry | undefined {
    if (packageName !== this.rootPackage && !this.isInternal(packageName)) {
      const local = this.packages.get(packageName)?.get(name);
      if (local) return local;
    }
    return this.packages.get(this.rootPackage)?.get(name);
  }

  /** A built-in macro by name. */
  internal(name: string): MacroEntry | undefined {
    for (const pkg of this.internalPackages) {
      const entry = this.packages.get(pkg)?.get(name);
      if (entry) return entry;
    }
    return undefined;
  }

  /** Every package that has macros, with their names (for `ls`, docs and error suggestions). */
  list(): { packageName: string; names: string[] }[] {
    return [...this.packages].map(([packageName, m]) => ({ packageName, names: [...m.keys()] }));
  }
}
