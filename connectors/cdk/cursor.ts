/** Cursor values: read them from records and compare them. */

/** The value at a path (`['a','b']` reads `record.a.b`), or undefined. */
export function valueAtPath(record: unknown, path: readonly string[]): unknown {
  let v: unknown = record;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Order two cursor values: numbers numerically, ISO dates/timestamps by instant (so `...Z` and
 * `...+00:00` agree), other strings lexicographically. Null/undefined sort first.
 */
export function compareCursorValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  if (DATE_LIKE.test(sa) && DATE_LIKE.test(sb)) {
    const ta = Date.parse(sa.length === 10 ? `${sa}T00:00:00Z` : sa);
    const tb = Date.parse(sb.length === 10 ? `${sb}T00:00:00Z` : sb);
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const na = Number(a);
    const nb = Number(b);
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The larger of two cursor values. */
export function maxCursor(a: unknown, b: unknown): unknown {
  return compareCursorValues(a, b) >= 0 ? a : b;
}
