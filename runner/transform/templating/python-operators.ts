/**
 * Python semantics for Jinja operators on JavaScript values: truthiness (empty list/dict are false),
 * `==` (deep for lists and dicts, `True == 1`), `+` (list concatenation), `*` (string repetition),
 * `%` (formatting or a floor modulo), `in`, negative indexes and slices. Objects may implement the
 * Python protocol methods (`__add__`, `__sub__`, `__radd__`, `__rsub__`, `__eq__`, `__bool__`,
 * `__len__`, `__contains__`, `__neg__`), which is how datetimes and timedeltas do arithmetic.
 */
import { percentFormat } from './python-format';
import { isDict, pyStr } from './python-repr';

type Proto = Record<string, (...a: unknown[]) => unknown>;

function protocol(value: unknown, name: string): ((...a: unknown[]) => unknown) | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const fn = (value as Proto)[name];
  return typeof fn === 'function' ? fn.bind(value) : undefined;
}

export function truthy(v: unknown): boolean {
  if (!v) return false;
  if (typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Set || v instanceof Map) return v.size > 0;
  if (isDict(v)) {
    for (const _ in v) return true;
    return false;
  }
  const bool = protocol(v, '__bool__');
  if (bool) return !!bool();
  const len = protocol(v, '__len__');
  if (len) return Number(len()) > 0;
  return true;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== 'object' || tb !== 'object') {
    if ((ta === 'number' || ta === 'boolean') && (tb === 'number' || tb === 'boolean')) {
      return asNumber(a) === asNumber(b);
    }
    const custom = protocol(a, '__eq__') ?? protocol(b, '__eq__');
    if (custom) return !!custom(ta === 'object' ? b : a);
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => eq(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && eq(a[k], b[k]));
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  const custom = protocol(a, '__eq__');
  if (custom) return !!custom(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  const left = protocol(a, '__add__');
  if (left) return left(b);
  const right = protocol(b, '__radd__');
  if (right) return right(a);
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na + nb;
  if (typeof a === 'string' || typeof b === 'string') return pyStr(a) + pyStr(b);
  throw new TypeError(`unsupported operand types for +: ${typeName(a)} and ${typeName(b)}`);
}

export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof Set && b instanceof Set) return new Set([...a].filter((x) => !b.has(x)));
  const left = protocol(a, '__sub__');
  if (left) return left(b);
  const right = protocol(b, '__rsub__');
  if (right) return right(a);
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  throw new TypeError(`unsupported operand types for -: ${typeName(a)} and ${typeName(b)}`);
}

export function mul(a: unknown, b: unknown): unknown {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na * nb;
  if (typeof a === 'string' && nb !== undefined) return a.repeat(Math.max(0, nb));
  if (typeof b === 'string' && na !== undefined) return b.repeat(Math.max(0, na));
  if (Array.isArray(a) && nb !== undefined) return repeatList(a, nb);
  if (Array.isArray(b) && na !== undefined) return repeatList(b, na);
  const left = protocol(a, '__mul__');
  if (left) return left(b);
  throw new TypeError(`unsupported operand types for *: ${typeName(a)} and ${typeName(b)}`);
}

function repeatList(list: unknown[], n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(...list);
  return out;
}

function numbers(op: string, a: unknown, b: unknown): [number, number] {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na === undefined || nb === undefined) {
    throw new TypeError(`unsupported operand types for ${op}: ${typeName(a)} and ${typeName(b)}`);
  }
  return [na, nb];
}

export function div(a: unknown, b: unknown): unknown {
  const left = protocol(a, '__truediv__');
  if (left) return left(b);
  const [na, nb] = numbers('/', a, b);
  if (nb === 0) throw new RangeError('division by zero');
  return na / nb;
}

export function floordiv(a: unknown, b: unknown): unknown {
  const [na, nb] = numbers('//', a, b);
  if (nb === 0) throw new RangeError('integer division or modulo by zero');
  return Math.floor(na / nb);
}

export function pow(a: unknown, b: unknown): unknown {
  const [na, nb] = numbers('**', a, b);
  return na ** nb;
}

/** `a % b`: printf-style formatting when `a` is a string, otherwise Python's floor modulo. */
export function mod(a: unknown, b: unknown, spread: boolean): unknown {
  if (typeof a === 'string') return percentFormat(a, b, spread);
  const [na, nb] = numbers('%', a, b);
  if (nb === 0) throw new RangeError('integer division or modulo by zero');
  return ((na % nb) + nb) % nb;
}

export function neg(a: unknown): unknown {
  const custom = protocol(a, '__neg__');
  if (custom) return custom();
  const [na] = numbers('-', a, 0);
  return -na;
}

export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (Array.isArray(container)) return container.some((x) => eq(x, item));
  if (container === null || container === undefined) return false;
  if (container instanceof Set) return container.has(item) || [...container].some((x) => eq(x, item));
  if (container instanceof Map) return container.has(item);
  const custom = protocol(container, '__contains__');
  if (custom) return !!custom(item);
  if (typeof container === 'object') return Object.prototype.hasOwnProperty.call(container, String(item));
  return false;
}

/** A Python-style index into a list or string (negative counts from the end). */
export function index(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (typeof key === 'number' && (Array.isArray(obj) || typeof obj === 'string')) {
    const i = key < 0 ? obj.length + key : key;
    return obj[i];
  }
  if (obj instanceof Map) return obj.get(key);
  const k = typeof key === 'string' ? key : pyStr(key);
  if (typeof obj === 'object' || typeof obj === 'function') {
    const getitem = protocol(obj, '__getitem__');
    if (getitem) return getitem(key);
    return (obj as Record<string, unknown>)[k];
  }
  return undefined;
}

function sliceIndices(len: number, start: unknown, stop: unknown, step: unknown): number[] {
  const s = step === null || step === undefined ? 1 : Number(step);
  if (s === 0) throw new RangeError('slice step cannot be zero');
  const norm = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    let n = Number(v);
    if (n < 0) n += len;
    return Math.min(Math.max(n, lo), hi);
  };
  const out: number[] = [];
  if (s > 0) {
    const a = norm(start, 0, 0, len);
    const b = norm(stop, len, 0, len);
    for (let i = a; i < b; i += s) out.push(i);
  } else {
    const a = norm(start, len - 1, -1, len - 1);
    const b = norm(stop, -1, -1, len - 1);
    for (let i = a; i > b; i += s) out.push(i);
  }
  return out;
}

/** `obj[start:stop:step]` on lists and strings. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (typeof obj === 'string') {
    if (
      (step === null || step === undefined) &&
      (start === null || Number(start) >= 0) &&
      (stop === null || Number(stop) >= 0)
    ) {
      return obj.slice(start === null ? 0 : Number(start), stop === null ? undefined : Number(stop));
    }
    const chars = [...obj];
    return sliceIndices(chars.length, start, stop, step)
      .map((i) => chars[i])
      .join('');
  }
  if (Array.isArray(obj)) return sliceIndices(obj.length, start, stop, step).map((i) => obj[i]);
  if (obj === null || obj === undefined) return undefined;
  throw new TypeError(`${typeName(obj)} object is not subscriptable`);
}

export function typeName(v: unknown): string {
  if (v === null) return 'NoneType';
  if (v === undefined) return 'Undefined';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (isDict(v)) return 'dict';
  if (v instanceof Set) return 'set';
  if (typeof v === 'function') return 'function';
  return (v as object).constructor?.name ?? 'object';
}

/** Python's `len()`. */
export function length(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v instanceof Set || v instanceof Map) return v.size;
  if (v === null || v === undefined) return 0;
  const len = protocol(v, '__len__');
  if (len) return Number(len());
  if (typeof v === 'object') return Object.keys(v).length;
  return 0;
}

/** What a `for` loop iterates: lists as they are, strings as characters, dicts as keys. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined || v === false) return [];
  if (typeof v === 'string') return [...v];
  if (v instanceof Map) return [...v.keys()];
  if (typeof v === 'object' && Symbol.iterator in (v as object)) return Array.from(v as Iterable<unknown>);
  if (isDict(v)) return Object.keys(v);
  const iter = protocol(v, '__iter__');
  if (iter) return iterate(iter());
  if (typeof v === 'object') return Object.keys(v);
  throw new TypeError(`${typeName(v)} object is not iterable`);
}
