/**
 * dbt's `adapter.dispatch(macro_name, macro_namespace)`: for each package in the search order, try
 * `<adapter>__name`, then each parent adapter's, then `default__name`.
 *
 * Search order: the project's `dispatch:` config for that namespace when present; otherwise, for an
 * installed package, the root project then the package (so the project can shim a package's macros);
 * otherwise (no namespace, `dbt`, or the root project) the ordinary name lookup from the calling package.
 */
import { JinjaCompileError } from './jinja-compile-error';
import type { MacroEntry, MacroRegistry } from './macro-registry';

/** One entry of dbt_project.yml `dispatch:`. */
export interface DispatchConfig {
  macro_namespace: string;
  search_order: string[];
}

export interface DispatchRequest {
  registry: MacroRegistry;
  macroName: string;
  namespace: string | null;
  adapterType?: string;
  adapterParents: Record<string, string[]>;
  dispatch: DispatchConfig[];
  /** The package of the code calling dispatch (for the plain name lookup). */
  currentPackage: string;
}

/** `[adapter, ...parents, 'default']`. */
export function dispatchPrefixes(
  adapterType: string | undefined,
  parents: Record<string, string[]>,
): string[] {
  const out: string[] = [];
  const visit = (t: string) => {
    if (out.includes(t)) return;
    out.push(t);
    for (const p of parents[t] ?? []) visit(p);
  };
  if (adapterType) visit(adapterType);
  out.push('default');
  return out;
}

/** The packages to search; `null` stands for the ordinary lookup from the calling package. */
export function dispatchSearchOrder(req: DispatchRequest): (string | null)[] {
  const { namespace, registry } = req;
  if (namespace === null) return [null];
  const configured = req.dispatch.find((d) => d.macro_namespace === namespace);
  if (configured && configured.search_order.length) return configured.search_order;
  const isDependency =
    namespace !== registry.rootPackage && !registry.isInternal(namespace) && registry.hasNamespace(namespace);
  if (isDependency) return [registry.rootPackage, namespace];
  return [null];
}

export function resolveDispatch(req: DispatchRequest): MacroEntry {
  const { registry, macroName } = req;
  const prefixes = dispatchPrefixes(req.adapterType, req.adapterParents);
  const searched: string[] = [];
  for (const pkg of dispatchSearchOrder(req)) {
    for (const prefix of prefixes) {
      const name = `${prefix}__${macroName}`;
      let entry: MacroEntry | undefined;
      if (pkg === null) {
        entry = registry.bare(name, req.currentPackage) ?? registry.internal(name);
        searched.push(name);
      } else {
        entry = registry.inNamespace(pkg, name);
        searched.push(`${pkg}.${name}`);
      }
      if (entry) return entry;
    }
  }
  throw new JinjaCompileError(
    `In dispatch: No macro named '${macroName}' found within namespace: '${req.namespace ?? 'None'}'\n    Searched for: ${searched
      .map((s) => `'${s}'`)
      .join(', ')}`,
    { hint: 'define one of the searched macros, or check the dispatch: config in dbt_project.yml' },
  );
}
