/**
 * The static fast path of parsing: find the `ref`, `source` and `config` calls of a model without rendering
 * it, when the model is plain SQL plus `{{ ref('x') }}`, `{{ ref('pkg', 'x') }}`, `{{ source('s', 't') }}`
 * and `{{ config(key=literal, ...) }}` with literal arguments (strings, numbers, booleans, None, lists,
 * dicts) and `{# comments #}`. Anything else (a block tag, a variable, a filter, another call) returns
 * null: the engine must render the model (with execute=False) to learn its dependencies.
 */
import { parseSimpleTemplate } from './simple-template';

export interface StaticRef {
  name: string;
  package?: string;
  version?: string | number;
}

export interface StaticSource {
  source: string;
  table: string;
}

export interface StaticCalls {
  refs: StaticRef[];
  sources: StaticSource[];
  /** The keyword arguments of every `config()` call, merged in order. */
  config: Record<string, unknown>;
}

export function staticCalls(source: string): StaticCalls | null {
  const parts = parseSimpleTemplate(source);
  if (!parts) return null;
  const out: StaticCalls = { refs: [], sources: [], config: {} };
  for (const part of parts) {
    if (typeof part === 'string') continue;
    if (!part.call || part.path.length !== 1) return null;
    const name = part.path[0];
    const { args } = part.call;
    const kwargs = Object.fromEntries(part.call.kwargs);
    if (name === 'ref') {
      if (args.length < 1 || args.length > 2 || !args.every((a) => typeof a === 'string')) return null;
      if (Object.keys(kwargs).some((k) => k !== 'v' && k !== 'version')) return null;
      const ref: StaticRef =
        args.length === 2
          ? { package: args[0] as string, name: args[1] as string }
          : { name: args[0] as string };
      const version = kwargs.v ?? kwargs.version;
      if (version !== undefined) {
        if (typeof version !== 'string' && typeof version !== 'number') return null;
        ref.version = version;
      }
      out.refs.push(ref);
    } else if (name === 'source') {
      if (args.length !== 2 || !args.every((a) => typeof a === 'string') || part.call.kwargs.length)
        return null;
      out.sources.push({ source: args[0] as string, table: args[1] as string });
    } else if (name === 'config') {
      if (args.length) return null;
      Object.assign(out.config, kwargs);
    } else {
      return null;
    }
  }
  return out;
}
