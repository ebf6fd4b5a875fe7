/**
 * Python's `str()` and `repr()` for JavaScript values, so `{{ [1, 'a'] }}` prints `[1, 'a']`,
 * `{{ {'a': None} }}` prints `{'a': None}`, `{{ True }}` prints `True` and `{{ None }}` prints `None`.
 * Undefined (a missing name) prints as the empty string, like Jinja's Undefined.
 */
import { Kwargs } from './call-args';

const OBJECT_TO_STRING = Object.prototype.toString;

/** Marks an array that is a Python tuple (a literal `(a, b)`, `zip()`, `dict.items()`): it prints as `(a, b)`. */
const TUPLE = Symbol('python.tuple');

export function tuple<T>(items: T[]): T[] {
  Object.defineProperty(items, TUPLE, { value: true });
  return items;
}

export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

/** A Python dict: a plain object (or the keyword arguments of a call). */
export function isDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || value instanceof Kwargs;
}

/** True when the object prints itself (a relation, a column, a datetime...). */
function hasOwnToString(value: object): boolean {
  const fn = (value as { toString?: unknown }).toString;
  return typeof fn === 'function' && fn !== OBJECT_TO_STRING;
}

export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

export function pyStr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'undefined':
      return '';
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
      return pyNumber(value);
    case 'bigint':
      return String(value);
    case 'function':
      return `<function ${value.name || 'anonymous'}>`;
    case 'symbol':
      return String(value);
  }
  if (value === null) return 'None';
  return containerRepr(value as object);
}

function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + q;
}

export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'object' && !Array.isArray(value) && !isDict(value) && hasOwnToString(value)) {
    const custom = (value as { __repr__?: () => string }).__repr__;
    if (typeof custom === 'function') return custom.call(value);
  }
  return pyStr(value);
}

function containerRepr(value: object): string {
  if (Array.isArray(value)) {
    if (isTuple(value))
      return value.length === 1 ? `(${pyRepr(value[0])},)` : '(' + value.map(pyRepr).join(', ') + ')';
    return '[' + value.map(pyRepr).join(', ') + ']';
  }
  if (value instanceof Set) return value.size ? '{' + [...value].map(pyRepr).join(', ') + '}' : 'set()';
  if (value instanceof Map) {
    return '{' + [...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ') + '}';
  }
  if (value instanceof Date) {
    // A JavaScript Date is an aware UTC datetime: str(datetime) omits zero microseconds.
    const iso = value.toISOString();
    const ms = value.getUTCMilliseconds();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms ? '.' + String(ms).padStart(3, '0') + '000' : ''}+00:00`;
  }
  if (!isDict(value) && hasOwnToString(value)) return String(value);
  if (isDict(value) && hasOwnToString(value)) return String(value);
  return (
    '{' +
    Object.entries(value)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ') +
    '}'
  );
}
