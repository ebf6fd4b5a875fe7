/** Values from the lakehouse as PostgreSQL COPY text, by the target column's type. */

function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The text PostgreSQL parses into a column of `type` (a format_type name), or null. */
export function pgText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type.endsWith('[]')) {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return `{${value.map(arrayElement).join(',')}}`;
  }
  if (type === 'jsonb' || type === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
