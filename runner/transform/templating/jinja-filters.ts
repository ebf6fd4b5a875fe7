/**
 * Jinja's built-in filters with Python semantics (plus dbt's `as_bool`, `as_native`, `as_number`,
 * `as_text`). Each filter gets the value first, then the filter's arguments; keyword arguments arrive
 * as a trailing Kwargs object.
 */
import { bindArgs, splitArgs } from './call-args';
import { JinjaCompileError } from './jinja-compile-error';
import { internal, type AnyFn } from './internal-functions';
import type { JinjaRuntime } from './jinja-runtime';
import { percentFormat, toFixedPy } from './python-format';
import { pyJson } from './python-json';
import { pyCompare } from './python-methods';
import { add, eq, iterate, length, truthy } from './python-operators';
import { isDict, pyRepr, pyStr, tuple } from './python-repr';

function htmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!,
  );
}

function toInt(value: unknown, dflt: unknown, base: number): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : dflt;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const s = value.trim().replace(/_/g, '');
    if (base === 10 && /^[-+]?\d+$/.test(s)) return parseInt(s, 10);
    if (base === 10 && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Math.trunc(parseFloat(s));
    if (base !== 10) {
      const n = parseInt(s.replace(/^0[xob]/i, ''), base);
      return Number.isNaN(n) ? dflt : n;
    }
  }
  return dflt;
}

function toFloat(value: unknown, dflt: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(s)) return parseFloat(s);
    if (s === 'nan') return NaN;
    if (s === 'inf' || s === '+inf' || s === 'infinity') return Infinity;
    if (s === '-inf' || s === '-infinity') return -Infinity;
  }
  return dflt;
}

export function createFilters(rt: JinjaRuntime): Record<string, AnyFn> {
  const f: Record<string, AnyFn> = Object.create(null);
  const def = (names: string[], fn: AnyFn) => {
    for (const n of names) f[n] = internal(fn);
  };

  /** `attribute='a.b.0'`: item first, then attribute, as Jinja's attrgetter. */
  const getter = (attribute: unknown, dflt?: unknown) => {
    if (attribute === undefined || attribute === null) return (v: unknown) => v;
    const parts =
      typeof attribute === 'number'
        ? [attribute]
        : pyStr(attribute)
            .split('.')
            .map((p) => (/^\d+$/.test(p) ? parseInt(p, 10) : p));
    return (v: unknown) => {
      let cur = v;
      for (const p of parts) {
        const next = rt.item(cur, p);
        cur = next === undefined ? rt.attr(cur, p) : next;
      }
      return cur === undefined ? dflt : cur;
    };
  };
  const sortKey = (caseSensitive: unknown) => (v: unknown) =>
    !truthy(caseSensitive) && typeof v === 'string' ? v.toLowerCase() : v;
  const runTest = (name: unknown, value: unknown, args: unknown[]) => {
    if (name === undefined || name === null) return truthy(value);
    return rt.test(pyStr(name))(value, ...args) === true;
  };

  def(['abs'], (v: number) => Math.abs(v));
  def(['attr'], (v: unknown, name: unknown) => rt.attr(v, name));
  def(['batch'], (v: unknown, ...a: unknown[]) => {
    const { linecount, fill_with } = bindArgs(a, ['linecount', 'fill_with']);
    const n = Number(linecount);
    const items = iterate(v);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    const last = out[out.length - 1];
    if (fill_with !== undefined && last && last.length < n) while (last.length < n) last.push(fill_with);
    return out;
  });
  def(['capitalize'], (v: unknown) => {
    const s = pyStr(v);
    return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s;
  });
  def(['center'], (v: unknown, ...a: unknown[]) => {
    const { width } = bindArgs(a, ['width'], { width: 80 });
    const s = pyStr(v);
    const total = Number(width) - s.length;
    if (total <= 0) return s;
    const left = Math.floor(total / 2);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  });
  def(['default', 'd'], (v: unknown, ...a: unknown[]) => {
    const { default_value, boolean } = bindArgs(a, ['default_value', 'boolean'], {
      default_value: '',
      boolean: false,
    });
    if (v === undefined || (truthy(boolean) && !truthy(v))) return default_value;
    return v;
  });
  def(['dictsort'], (v: unknown, ...a: unknown[]) => {
    const { case_sensitive, by, reverse } = bindArgs(a, ['case_sensitive', 'by', 'reverse'], {
      case_sensitive: false,
      by: 'key',
      reverse: false,
    });
    const idx = by === 'value' ? 1 : 0;
    const key = sortKey(case_sensitive);
    const items = (isDict(v) ? Object.entries(v) : v instanceof Map ? [...v.entries()] : []).map((e) =>
      tuple(e),
    );
    items.sort((x, y) => pyCompare(key(x[idx]), key(y[idx])) * (truthy(reverse) ? -1 : 1));
    return items;
  });
  def(['escape', 'e', 'forceescape'], (v: unknown) => htmlEscape(pyStr(v)));
  def(['first'], (v: unknown) => iterate(v)[0]);
  def(['last'], (v: unknown) => {
    const items = iterate(v);
    return items[items.length - 1];
  });
  def(['float'], (v: unknown, ...a: unknown[]) =>
    toFloat(v, bindArgs(a, ['default'], { default: 0.0 }).default),
  );
  def(['int'], (v: unknown, ...a: unknown[]) => {
    const { default: dflt, base } = bindArgs(a, ['default', 'base'], { default: 0, base: 10 });
    return toInt(v, dflt, Number(base));
  });
  def(['format'], (v: unknown, ...a: unknown[]) => {
    const { args, kwargs } = splitArgs(a);
    return percentFormat(pyStr(v), Object.keys(kwargs).length ? kwargs : args, !Object.keys(kwargs).length);
  });
  def(['groupby'], (v: unknown, ...a: unknown[]) => {
    const { attribute, default: dflt } = bindArgs(a, ['attribute', 'default']);
    const get = getter(attribute, dflt);
    const groups = new Map<string, { key: unknown; items: unknown[] }>();
    for (const item of iterate(v)) {
      const k = get(item);
      const id = pyRepr(k);
      if (!groups.has(id)) groups.set(id, { key: k, items: [] });
      groups.get(id)!.items.push(item);
    }
    return [...groups.values()]
      .sort((x, y) => pyCompare(x.key, y.key))
      .map((g) => Object.assign([g.key, g.items], { grouper: g.key, list: g.items }));
  });
  def(['indent'], (v: unknown, ...a: unknown[]) => {
    const { width, first, blank } = bindArgs(a, ['width', 'first', 'blank'], {
      width: 4,
      first: false,
      blank: false,
    });
    const pad = typeof width === 'string' ? width : ' '.repeat(Number(width));
    const lines = pyStr(v).split('\n');
    return lines
      .map((line, i) => {
        if (i === 0 && !truthy(first)) return line;
        if (!truthy(blank) && line.trim() === '') return line;
        return pad + line;
      })
      .join('\n');
  });
  def(['items'], (v: unknown) =>
    (isDict(v) ? Object.entries(v) : v instanceof Map ? [...v.entries()] : []).map((e) => tuple(e)),
  );
  def(['join'], (v: unknown, ...a: unknown[]) => {
    const { d, attribute } = bindArgs(a, ['d', 'attribute'], { d: '' });
    const get = getter(attribute);
    return iterate(v)
      .map((x) => pyStr(get(x)))
      .join(pyStr(d));
  });
  def(['length', 'count'], (v: unknown) => length(v));
  def(['list'], (v: unknown) => iterate(v).slice());
  def(['lower'], (v: unknown) => pyStr(v).toLowerCase());
  def(['upper'], (v: unknown) => pyStr(v).toUpperCase());
  def(['title'], (v: unknown) =>
    pyStr(v)
      .toLowerCase()
      .replace(/(^|[^A-Za-z0-9'])([a-z])/g, (_m, pre: string, c: string) => pre + c.toUpperCase()),
  );
  def(['trim'], (v: unknown, ...a: unknown[]) => {
    const { chars } = bindArgs(a, ['chars']);
    const s = pyStr(v);
    if (chars === undefined || chars === null) return s.trim();
    const set = pyStr(chars);
    let i = 0;
    let j = s.length;
    while (i < j && set.includes(s[i])) i++;
    while (j > i && set.includes(s[j - 1])) j--;
    return s.slice(i, j);
  });
  def(['striptags'], (v: unknown) =>
    pyStr(v)
      .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  def(['truncate'], (v: unknown, ...a: unknown[]) => {
    const {
      length: len,
      killwords,
      end,
      leeway,
    } = bindArgs(a, ['length', 'killwords', 'end', 'leeway'], {
      length: 255,
      killwords: false,
      end: '...',
      leeway: 5,
    });
    const s = pyStr(v);
    const n = Number(len);
    const e = pyStr(end);
    if (s.length <= n + Number(leeway)) return s;
    if (truthy(killwords)) return s.slice(0, n - e.length) + e;
    const cut = s.slice(0, n - e.length);
    const space = cut.lastIndexOf(' ');
    return (space > 0 ? cut.slice(0, space) : cut) + e;
  });
  def(['wordcount'], (v: unknown) => (pyStr(v).match(/\w+/g) ?? []).length);
  def(['wordwrap'], (v: unknown, ...a: unknown[]) => {
    const { width, break_long_words, wrapstring } = bindArgs(a, ['width', 'break_long_words', 'wrapstring'], {
      width: 79,
      break_long_words: true,
      wrapstring: '\n',
    });
    const w = Number(width);
    const out: string[] = [];
    for (const para of pyStr(v).split('\n')) {
      let line = '';
      for (let word of para.split(/\s+/).filter(Boolean)) {
        while (truthy(break_long_words) && word.length > w) {
          if (line) out.push(line);
          line = '';
          out.push(word.slice(0, w));
          word = word.slice(w);
        }
        if (!line) line = word;
        else if (line.length + 1 + word.length <= w) line += ' ' + word;
        else {
          out.push(line);
          line = word;
        }
      }
      out.push(line);
    }
    return out.join(pyStr(wrapstring));
  });
  def(['urlencode'], (v: unknown) => {
    if (isDict(v)) {
      return Object.entries(v)
        .map(([k, x]) => `${encodeURIComponent(k)}=${encodeURIComponent(pyStr(x))}`)
        .join('&');
    }
    return encodeURIComponent(pyStr(v)).replace(/%2F/g, '/');
  });
  def(['map'], (v: unknown, ...a: unknown[]) => {
    const { args, kwargs } = splitArgs(a);
    const items = iterate(v);
    if (kwargs.attribute !== undefined || (!args.length && Object.keys(kwargs).length)) {
      const get = getter(kwargs.attribute, kwargs.default);
      return items.map(get);
    }
    if (!args.length) throw new JinjaCompileError('map() needs a filter name or attribute=');
    const [name, ...rest] = args;
    const filter = rt.filter(pyStr(name));
    const extra = Object.keys(kwargs).length ? [...rest, rt.kwargs(kwargs)] : rest;
    return items.map((x) => filter(x, ...extra));
  });
  const minmax =
    (sign: number) =>
    (v: unknown, ...a: unknown[]) => {
      const { case_sensitive, attribute } = bindArgs(a, ['case_sensitive', 'attribute'], {
        case_sensitive: false,
      });
      const get = getter(attribute);
      const key = sortKey(case_sensitive);
      const items = iterate(v);
      if (!items.length) return undefined;
      return items.reduce((best, x) => (pyCompare(key(get(x)), key(get(best))) * sign > 0 ? x : best));
    };
  def(['max'], minmax(1));
  def(['min'], minmax(-1));
  def(['pprint'], (v: unknown) => pyRepr(v));
  def(['select'], (v: unknown, ...a: unknown[]) => {
    const [name, ...args] = splitArgs(a).args;
    return iterate(v).filter((x) => runTest(name, x, args));
  });
  def(['reject'], (v: unknown, ...a: unknown[]) => {
    const [name, ...args] = splitArgs(a).args;
    return iterate(v).filter((x) => !runTest(name, x, args));
  });
  def(['selectattr'], (v: unknown, ...a: unknown[]) => {
    const [attribute, name, ...args] = splitArgs(a).args;
    const get = getter(attribute);
    return iterate(v).filter((x) => runTest(name, get(x), args));
  });
  def(['rejectattr'], (v: unknown, ...a: unknown[]) => {
    const [attribute, name, ...args] = splitArgs(a).args;
    const get = getter(attribute);
    return iterate(v).filter((x) => !runTest(name, get(x), args));
  });
  def(['replace'], (v: unknown, ...a: unknown[]) => {
    const { old, new: rep, count } = bindArgs(a, ['old', 'new', 'count']);
    const s = pyStr(v);
    const parts = s.split(pyStr(old));
    if (count === undefined || count === null) return parts.join(pyStr(rep));
    const n = Number(count);
    return (
      parts.slice(0, n + 1).join(pyStr(rep)) +
      (parts.length > n + 1 ? pyStr(old) + parts.slice(n + 1).join(pyStr(old)) : '')
    );
  });
  def(['reverse'], (v: unknown) =>
    typeof v === 'string' ? [...v].reverse().join('') : iterate(v).slice().reverse(),
  );
  def(['round'], (v: unknown, ...a: unknown[]) => {
    const { precision, method } = bindArgs(a, ['precision', 'method'], { precision: 0, method: 'common' });
    const p = Number(precision);
    if (method === 'common') return Number(toFixedPy(Number(v), p));
    const m = 10 ** p;
    const x = Number(v) * m;
    return (method === 'ceil' ? Math.ceil(x) : Math.floor(x)) / m;
  });
  def(['safe'], (v: unknown) => v);
  def(['slice'], (v: unknown, ...a: unknown[]) => {
    const { slices, fill_with } = bindArgs(a, ['slices', 'fill_with']);
    const items = iterate(v);
    const n = Number(slices);
    const per = Math.floor(items.length / n);
    const extra = items.length % n;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const size = per + (i < extra ? 1 : 0);
      const chunk = items.slice(offset, offset + size);
      offset += size;
      if (fill_with !== undefined && i >= extra && extra) chunk.push(fill_with);
      out.push(chunk);
    }
    return out;
  });
  def(['sort'], (v: unknown, ...a: unknown[]) => {
    const { reverse, case_sensitive, attribute } = bindArgs(a, ['reverse', 'case_sensitive', 'attribute'], {
      reverse: false,
      case_sensitive: false,
    });
    const get = getter(attribute);
    const key = sortKey(case_sensitive);
    const dir = truthy(reverse) ? -1 : 1;
    return iterate(v)
      .slice()
      .sort((x, y) => pyCompare(key(get(x)), key(get(y))) * dir);
  });
  def(['string'], (v: unknown) => pyStr(v));
  def(['sum'], (v: unknown, ...a: unknown[]) => {
    const { attribute, start } = bindArgs(a, ['attribute', 'start'], { start: 0 });
    const get = getter(attribute);
    return iterate(v).reduce<unknown>((acc, x) => add(acc, get(x)), start);
  });
  def(['tojson'], (v: unknown, ...a: unknown[]) => {
    const { indent } = bindArgs(a, ['indent']);
    return pyJson(v, {
      sortKeys: true,
      htmlSafe: true,
      indent: indent === undefined || indent === null ? undefined : Number(indent),
    });
  });
  def(['unique'], (v: unknown, ...a: unknown[]) => {
    const { case_sensitive, attribute } = bindArgs(a, ['case_sensitive', 'attribute'], {
      case_sensitive: false,
    });
    const get = getter(attribute);
    const key = sortKey(case_sensitive);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const x of iterate(v)) {
      const k = key(get(x));
      if (!seen.some((s) => eq(s, k))) {
        seen.push(k);
        out.push(x);
      }
    }
    return out;
  });
  def(['xmlattr'], (v: unknown) =>
    isDict(v)
      ? Object.entries(v)
          .filter(([, x]) => x !== undefined && x !== null)
          .map(([k, x]) => ` ${k}="${htmlEscape(pyStr(x))}"`)
          .join('')
      : '',
  );
  // dbt's filters
  def(['as_text'], (v: unknown) => pyStr(v));
  def(['as_bool'], (v: unknown) => {
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (s === 'true') return true;
      if (s === 'false') return false;
    }
    return v;
  });
  def(['as_number'], (v: unknown) => {
    if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
    return v;
  });
  def(['as_native'], (v: unknown) => {
    if (typeof v !== 'string') return v;
    const s = v.trim();
    if (s === 'True') return true;
    if (s === 'False') return false;
    if (s === 'None') return null;
    try {
      return JSON.parse(s.replace(/'/g, '"'));
    } catch {
      return v;
    }
  });
  return f;
}
