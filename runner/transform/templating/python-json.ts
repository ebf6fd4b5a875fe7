/**
 * Python's `json.dumps` output: `", "` and `": "` separators, non-ASCII escaped, NaN/Infinity allowed.
 * Objects that print themselves (relations) are written as their text.
 */
import { isDict, pyStr } from './python-repr';

export interface PyJsonOptions {
  sortKeys?: boolean;
  /** Indent width (pretty output with `,` / `: ` separators). */
  indent?: number;
  /** Jinja's `|tojson` filter escapes `<`, `>`, `&` and `'` for safe embedding. */
  htmlSafe?: boolean;
}

function encodeString(s: string, htmlSafe: boolean): string {
  let out = JSON.stringify(s).replace(
    /[\u007f-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
  if (htmlSafe) {
    out = out.replace(/[<>&']/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  return out;
}

export function pyJson(value: unknown, options: PyJsonOptions = {}, depth = 0): string {
  const { sortKeys = false, indent, htmlSafe = false } = options;
  const nl = indent !== undefined ? '\n' + ' '.repeat(indent * (depth + 1)) : '';
  const end = indent !== undefined ? '\n' + ' '.repeat(indent * depth) : '';
  const sep = indent !== undefined ? ',' : ', ';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return encodeString(value, htmlSafe);
  if (Array.isArray(value) || value instanceof Set) {
    const items = [...value];
    if (!items.length) return '[]';
    return '[' + nl + items.map((v) => pyJson(v, options, depth + 1)).join(sep + nl) + end + ']';
  }
  if (value instanceof Date) return encodeString(value.toISOString(), htmlSafe);
  if (typeof value === 'object') {
    const asJson = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof asJson === 'function') return pyJson(asJson.call(value), options, depth);
    if (!isDict(value) && !(value instanceof Map)) {
      const text = pyStr(value);
      if (!text.startsWith('{')) return encodeString(text, htmlSafe);
    }
    let entries =
      value instanceof Map ? [...value].map(([k, v]) => [pyStr(k), v] as const) : Object.entries(value);
    if (sortKeys) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!entries.length) return '{}';
    return (
      '{' +
      nl +
      entries
        .map(([k, v]) => `${encodeString(k, htmlSafe)}: ${pyJson(v, options, depth + 1)}`)
        .join(sep + nl) +
      end +
      '}'
    );
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}
