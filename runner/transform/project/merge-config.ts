/**
 * Config precedence as dbt applies it: later layers win, except `tags` (union), `meta` (merged)
 * and hooks (appended in order).
 */
export function mergeConfig(
  base: Record<string, unknown>,
  layer: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    if (key === 'tags') {
      const prev = asList(out.tags);
      for (const t of asList(value)) if (!prev.includes(t)) prev.push(t);
      out.tags = prev;
    } else if (key === 'pre_hook' || key === 'post_hook') {
      out[key] = [...asList(out[key]), ...asList(value)];
    } else if (key === 'meta' && isPlain(value) && isPlain(out.meta)) {
      out.meta = { ...out.meta, ...value };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A string becomes a one-element list, null/undefined an empty one. */
export function asList<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? [...v] : [v]) as T[];
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
