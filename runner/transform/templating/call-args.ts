/**
 * How Jinja calls reach JavaScript functions: positional arguments in order, then, when the call has keyword
 * arguments, one last `Kwargs` object holding them (`config(materialized='table')` → `fn(Kwargs {materialized})`).
 * `splitArgs` / `bindArgs` turn that into what a context function needs.
 */

/** The keyword arguments of one call. A class, so it is never confused with a dict passed positionally. */
export class Kwargs {
  [name: string]: unknown;
}

export function isKwargs(value: unknown): value is Kwargs {
  return value instanceof Kwargs;
}

export function makeKwargs(values: Record<string, unknown>): Kwargs {
  return Object.assign(new Kwargs(), values);
}

/** Positional arguments and keyword arguments (a plain object) of one call. */
export function splitArgs(args: readonly unknown[]): { args: unknown[]; kwargs: Record<string, unknown> } {
  const last = args.length ? args[args.length - 1] : undefined;
  if (isKwargs(last)) return { args: args.slice(0, -1), kwargs: { ...last } };
  return { args: args.slice(), kwargs: {} };
}

/**
 * Python-style binding of a call to parameter names: positional first, then keywords, then defaults.
 * Unknown keywords are kept under their own names; missing parameters without a default are undefined.
 */
export function bindArgs(
  args: readonly unknown[],
  names: readonly string[],
  defaults: Record<string, unknown> = {},
): Record<string, unknown> {
  const { args: positional, kwargs } = splitArgs(args);
  const out: Record<string, unknown> = { ...kwargs };
  names.forEach((name, i) => {
    if (i < positional.length) out[name] = positional[i];
    else if (out[name] === undefined && name in defaults) out[name] = defaults[name];
  });
  return out;
}
