/**
 * Python's str, list, dict and set methods for JavaScript strings, arrays, plain objects and Sets.
 * They are looked up by the runtime only for Jinja attribute access (`x.upper()`), never installed on
 * prototypes, so JavaScript semantics elsewhere are untouched.
 */
import { splitArgs } from './call-args';
import { strFormat } from './python-format';
import { contains, eq, index, iterate, truthy, typeName } from './python-operators';
import { isDict, pyStr, tuple } from './python-repr';

export type Method<T> = (self: T, args: unknown[]) => unknown;

/** A method table without a prototype, so `constructor` & co. are never reachable from templates. */
function methodTable<T>(methods: Record<string, Method<T>>): Record<string, Method<T>> {
  return Object.assign(Object.create(null), methods);
}

const WS = ' \t\n\r\x0b\x0c';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : String(chars);
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a])) a++;
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === undefined || sep === null) {
    const parts = s
      .trim()
      .split(/\s+/)
      .filter((p) => p !== '');
    if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    for (let i = 0; i < maxsplit; i++) {
      const m = /\s+/.exec(rest);
      if (!m) break;
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    out.push(rest);
    return out;
  }
  const sepStr = String(sep);
  if (sepStr === '') throw new RangeError('empty separator');
  const parts = s.split(sepStr);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sepStr)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === undefined || sep === null) {
    const parts = pySplit(s, null, -1);
    if (parts.length <= maxsplit + 1) return parts;
    return [parts.slice(0, parts.length - maxsplit).join(' '), ...parts.slice(parts.length - maxsplit)];
  }
  const sepStr = String(sep);
  const parts = s.split(sepStr);
  if (parts.length <= maxsplit + 1) return parts;
  return [parts.slice(0, parts.length - maxsplit).join(sepStr), ...parts.slice(parts.length - maxsplit)];
}

function arg(args: unknown[], i: number, name: string, dflt?: unknown): unknown {
  const { args: pos, kwargs } = splitArgs(args);
  if (i < pos.length) return pos[i];
  if (name in kwargs) return kwargs[name];
  return dflt;
}

function prefixes(p: unknown): string[] {
  return Array.isArray(p) ? p.map(String) : [String(p)];
}

function sliceFrom(s: string, start: unknown, end: unknown): [string, number] {
  const len = s.length;
  const norm = (v: unknown, d: number) => {
    if (v === undefined || v === null) return d;
    const n = Number(v);
    return n < 0 ? Math.max(0, len + n) : Math.min(n, len);
  };
  const a = norm(start, 0);
  const b = norm(end, len);
  return [s.slice(a, b), a];
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[^A-Za-z0-9])([a-z])/g, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

export const STRING_METHODS: Record<string, Method<string>> = methodTable({
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, a) => stripChars(s, arg(a, 0, 'chars'), true, true),
  lstrip: (s, a) => stripChars(s, arg(a, 0, 'chars'), true, false),
  rstrip: (s, a) => stripChars(s, arg(a, 0, 'chars'), false, true),
  startswith: (s, a) => {
    const [sub] = sliceFrom(s, arg(a, 1, 'start'), arg(a, 2, 'end'));
    return prefixes(arg(a, 0, 'prefix')).some((p) => sub.startsWith(p));
  },
  endswith: (s, a) => {
    const [sub] = sliceFrom(s, arg(a, 1, 'start'), arg(a, 2, 'end'));
    return prefixes(arg(a, 0, 'suffix')).some((p) => sub.endsWith(p));
  },
  split: (s, a) => pySplit(s, arg(a, 0, 'sep'), Number(arg(a, 1, 'maxsplit', -1))),
  rsplit: (s, a) => pyRsplit(s, arg(a, 0, 'sep'), Number(arg(a, 1, 'maxsplit', -1))),
  splitlines: (s, a) => {
    const keep = truthy(arg(a, 0, 'keepends', false));
    const lines = s.match(/[^\r\n]*(\r\n|\r|\n|$)/g)!.filter((l, i, all) => l !== '' || i < all.length - 1);
    return lines.filter((l) => l !== '').map((l) => (keep ? l : l.replace(/(\r\n|\r|\n)$/, '')));
  },
  replace: (s, a) => {
    const old = String(arg(a, 0, 'old'));
    const rep = String(arg(a, 1, 'new'));
    const count = Number(arg(a, 2, 'count', -1));
    if (count < 0) return s.split(old).join(rep);
    const parts = s.split(old);
    if (parts.length - 1 <= count) return parts.join(rep);
    return parts.slice(0, count + 1).join(rep) + old + parts.slice(count + 1).join(old);
  },
  format: (s, a) => {
    const { args, kwargs } = splitArgs(a);
    return strFormat(s, args, kwargs, index);
  },
  join: (s, a) =>
    iterate(arg(a, 0, 'iterable'))
      .map(pyStr)
      .join(s),
  title: (s) => titleCase(s),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  find: (s, a) => {
    const [sub, off] = sliceFrom(s, arg(a, 1, 'start'), arg(a, 2, 'end'));
    const i = sub.indexOf(String(arg(a, 0, 'sub')));
    return i < 0 ? -1 : i + off;
  },
  rfind: (s, a) => {
    const [sub, off] = sliceFrom(s, arg(a, 1, 'start'), arg(a, 2, 'end'));
    const i = sub.lastIndexOf(String(arg(a, 0, 'sub')));
    return i < 0 ? -1 : i + off;
  },
  index: (s, a) => {
    const i = STRING_METHODS.find(s, a) as number;
    if (i < 0) throw new RangeError('substring not found');
    return i;
  },
  rindex: (s, a) => {
    const i = STRING_METHODS.rfind(s, a) as number;
    if (i < 0) throw new RangeError('substring not found');
    return i;
  },
  count: (s, a) => {
    const sub = String(arg(a, 0, 'sub'));
    if (sub === '') return s.length + 1;
    return s.split(sub).length - 1;
  },
  isdigit: (s) => /^[0-9]+$/.test(s),
  isnumeric: (s) => /^[0-9]+$/.test(s),
  isdecimal: (s) => /^[0-9]+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}0-9]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  istitle: (s) => /[A-Za-z]/.test(s) && s === titleCase(s),
  isidentifier: (s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s),
  zfill: (s, a) => {
    const w = Number(arg(a, 0, 'width'));
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    return sign + body.padStart(w - sign.length, '0');
  },
  ljust: (s, a) => s.padEnd(Number(arg(a, 0, 'width')), String(arg(a, 1, 'fillchar', ' '))),
  rjust: (s, a) => s.padStart(Number(arg(a, 0, 'width')), String(arg(a, 1, 'fillchar', ' '))),
  center: (s, a) => {
    const w = Number(arg(a, 0, 'width'));
    const fill = String(arg(a, 1, 'fillchar', ' '));
    if (w <= s.length) return s;
    const total = w - s.length;
    const left = Math.floor(total / 2) + (total % 2 && s.length % 2 ? 1 : 0);
    return fill.repeat(left) + s + fill.repeat(total - left);
  },
  partition: (s, a) => {
    const sep = String(arg(a, 0, 'sep'));
    const i = s.indexOf(sep);
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = String(arg(a, 0, 'sep'));
    const i = s.lastIndexOf(sep);
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a) => {
    const p = String(arg(a, 0, 'prefix'));
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, a) => {
    const p = String(arg(a, 0, 'suffix'));
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  expandtabs: (s, a) => s.replace(/\t/g, ' '.repeat(Number(arg(a, 0, 'tabsize', 8)))),
  encode: (s) => s,
  __len__: (s) => s.length,
});

function listIndex(list: unknown[], value: unknown): number {
  const i = list.findIndex((x) => eq(x, value));
  if (i < 0) throw new RangeError(`${pyStr(value)} is not in list`);
  return i;
}

function sortKey(key: unknown): ((v: unknown) => unknown) | undefined {
  return typeof key === 'function' ? (v) => (key as (x: unknown) => unknown)(v) : undefined;
}

export function pyCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : 0;
}

export const LIST_METHODS: Record<string, Method<unknown[]>> = methodTable({
  append: (l, a) => {
    l.push(arg(a, 0, 'object'));
    return null;
  },
  extend: (l, a) => {
    l.push(...iterate(arg(a, 0, 'iterable')));
    return null;
  },
  insert: (l, a) => {
    let i = Number(arg(a, 0, 'index'));
    if (i < 0) i = Math.max(0, l.length + i);
    l.splice(i, 0, arg(a, 1, 'object'));
    return null;
  },
  pop: (l, a) => {
    if (l.length === 0) throw new RangeError('pop from empty list');
    let i = Number(arg(a, 0, 'index', -1));
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new RangeError('pop index out of range');
    return l.splice(i, 1)[0];
  },
  remove: (l, a) => {
    l.splice(listIndex(l, arg(a, 0, 'value')), 1);
    return null;
  },
  index: (l, a) => listIndex(l, arg(a, 0, 'value')),
  count: (l, a) => l.filter((x) => eq(x, arg(a, 0, 'value'))).length,
  reverse: (l) => {
    l.reverse();
    return null;
  },
  sort: (l, a) => {
    const key = sortKey(arg(a, 0, 'key'));
    const reverse = truthy(arg(a, 1, 'reverse', false));
    l.sort((x, y) => {
      const c = key ? pyCompare(key(x), key(y)) : pyCompare(x, y);
      return reverse ? -c : c;
    });
    return null;
  },
  copy: (l) => l.slice(),
  clear: (l) => {
    l.length = 0;
    return null;
  },
  __len__: (l) => l.length,
});

type Dict = Record<string, unknown>;

function dictUpdate(d: Dict, a: unknown[]): null {
  const { args, kwargs } = splitArgs(a);
  for (const src of args) {
    if (src instanceof Map) for (const [k, v] of src) d[pyStr(k)] = v;
    else if (Array.isArray(src))
      for (const pair of src) d[pyStr((pair as unknown[])[0])] = (pair as unknown[])[1];
    else if (src && typeof src === 'object') Object.assign(d, src);
  }
  Object.assign(d, kwargs);
  return null;
}

const has = (d: Dict, k: string) => Object.prototype.hasOwnProperty.call(d, k);

export const DICT_METHODS: Record<string, Method<Dict>> = methodTable({
  get: (d, a) => {
    const k = pyStr(arg(a, 0, 'key'));
    return has(d, k) ? d[k] : arg(a, 1, 'default', null);
  },
  items: (d) => Object.entries(d).map((e) => tuple(e)),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  update: dictUpdate,
  pop: (d, a) => {
    const k = pyStr(arg(a, 0, 'key'));
    if (has(d, k)) {
      const v = d[k];
      delete d[k];
      return v;
    }
    const { args } = splitArgs(a);
    if (args.length > 1) return args[1];
    throw new RangeError(`KeyError: '${k}'`);
  },
  popitem: (d) => {
    const keys = Object.keys(d);
    if (!keys.length) throw new RangeError('popitem(): dictionary is empty');
    const k = keys[keys.length - 1];
    const v = d[k];
    delete d[k];
    return tuple([k, v]);
  },
  setdefault: (d, a) => {
    const k = pyStr(arg(a, 0, 'key'));
    if (!has(d, k)) d[k] = arg(a, 1, 'default', null);
    return d[k];
  },
  copy: (d) => ({ ...d }),
  clear: (d) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
  has_key: (d, a) => has(d, pyStr(arg(a, 0, 'key'))),
  __len__: (d) => Object.keys(d).length,
});

export const SET_METHODS: Record<string, Method<Set<unknown>>> = methodTable({
  add: (s, a) => {
    const v = arg(a, 0, 'elem');
    if (!contains(s, v)) s.add(v);
    return null;
  },
  update: (s, a) => {
    for (const it of splitArgs(a).args) for (const v of iterate(it)) if (!contains(s, v)) s.add(v);
    return null;
  },
  remove: (s, a) => {
    const v = arg(a, 0, 'elem');
    if (!s.delete(v)) throw new RangeError(`KeyError: ${pyStr(v)}`);
    return null;
  },
  discard: (s, a) => {
    s.delete(arg(a, 0, 'elem'));
    return null;
  },
  pop: (s) => {
    const [first] = s;
    if (first === undefined && s.size === 0) throw new RangeError('pop from an empty set');
    s.delete(first);
    return first;
  },
  union: (s, a) => new Set([...s, ...splitArgs(a).args.flatMap((x) => iterate(x))]),
  intersection: (s, a) => {
    const others = splitArgs(a).args.map((x) => iterate(x));
    return new Set([...s].filter((v) => others.every((o) => o.some((x) => eq(x, v)))));
  },
  difference: (s, a) => {
    const others = splitArgs(a).args.flatMap((x) => iterate(x));
    return new Set([...s].filter((v) => !others.some((x) => eq(x, v))));
  },
  issubset: (s, a) => {
    const other = iterate(arg(a, 0, 'other'));
    return [...s].every((v) => other.some((x) => eq(x, v)));
  },
  issuperset: (s, a) => iterate(arg(a, 0, 'other')).every((v) => contains(s, v)),
  copy: (s) => new Set(s),
  clear: (s) => {
    s.clear();
    return null;
  },
  __len__: (s) => s.size,
});

export const MAP_METHODS: Record<string, Method<Map<unknown, unknown>>> = methodTable({
  get: (m, a) => {
    const k = arg(a, 0, 'key');
    return m.has(k) ? m.get(k) : arg(a, 1, 'default', null);
  },
  items: (m) => [...m.entries()].map((e) => tuple(e)),
  keys: (m) => [...m.keys()],
  values: (m) => [...m.values()],
  update: (m, a) => {
    const d: Record<string, unknown> = {};
    dictUpdate(d, a);
    for (const [k, v] of Object.entries(d)) m.set(k, v);
    return null;
  },
  pop: (m, a) => {
    const k = arg(a, 0, 'key');
    if (m.has(k)) {
      const v = m.get(k);
      m.delete(k);
      return v;
    }
    const { args } = splitArgs(a);
    if (args.length > 1) return args[1];
    throw new RangeError(`KeyError: '${pyStr(k)}'`);
  },
  setdefault: (m, a) => {
    const k = arg(a, 0, 'key');
    if (!m.has(k)) m.set(k, arg(a, 1, 'default', null));
    return m.get(k);
  },
  copy: (m) => new Map(m),
  clear: (m) => {
    m.clear();
    return null;
  },
  __len__: (m) => m.size,
});

/** The Python method table for a value, if it has one. */
export function methodsOf(value: unknown): Record<string, Method<any>> | undefined {
  if (typeof value === 'string') return STRING_METHODS;
  if (Array.isArray(value)) return LIST_METHODS;
  if (value instanceof Set) return SET_METHODS;
  if (value instanceof Map) return MAP_METHODS;
  if (isDict(value)) return DICT_METHODS;
  return undefined;
}

export { typeName };
