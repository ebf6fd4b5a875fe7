import { createHash } from 'node:crypto';

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/**
 * dbt's names for a generic test: `<test>_<target>_<arguments joined by "__">` with every run of
 * characters other than letters, digits and `_` replaced by `_`. The short name (file and alias) is the
 * first 30 characters of `<test>_<target>` plus an md5 of the full name when the full name is 64 or more
 * characters long.
 */
export function genericTestNames(
  testName: string,
  namespace: string | null,
  targetName: string,
  args: Record<string, unknown>,
  isSource: boolean,
): { name: string; alias: string } {
  const flat: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'model') continue;
    const value = args[key];
    const parts = Array.isArray(value)
      ? value
      : value !== null && typeof value === 'object'
        ? Object.values(value as Record<string, unknown>)
        : [value];
    for (const p of parts) flat.push(pyStr(p));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const testType = `${isSource ? 'source_' : ''}${namespace ? `${namespace}_` : ''}${testName}`;
  const identifier = `${testType}_${targetName}`;
  const full = `${identifier}_${unique}`;
  const alias = full.length >= 64 ? `${identifier.slice(0, 30)}_${md5(full)}` : full;
  return { name: full, alias };
}

/** Python's str() of a YAML scalar or collection, as dbt feeds it to the name. */
function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

function pyRepr(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : pyStr(v);
}
