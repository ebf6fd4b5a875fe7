/**
 * `modules.re` for templates: match, search, fullmatch, findall, finditer, sub, split, compile, escape
 * and the flags, translating Python's regex syntax (`(?P<name>...)`, `(?P=name)`, `\A`, `\Z`,
 * `\g<1>` in replacements) to JavaScript's.
 */
import { bindArgs } from './call-args';
import { internal, internalClass, type AnyFn } from './internal-functions';
import { pyStr } from './python-repr';

const FLAGS = {
  I: 2,
  IGNORECASE: 2,
  M: 8,
  MULTILINE: 8,
  S: 16,
  DOTALL: 16,
  X: 64,
  VERBOSE: 64,
  A: 256,
  ASCII: 256,
  U: 32,
  UNICODE: 32,
};

function stripVerbose(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < p.length && p[i] !== '\n') i++;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

export function toJsRegex(pattern: string, flags: number, extra = ''): RegExp {
  // Leading inline flags, e.g. `(?i)^stg_`, become JavaScript flags.
  const inline = /^\(\?([aimsux]+)\)/.exec(pattern);
  if (inline) {
    for (const f of inline[1])
      flags |= { a: FLAGS.A, i: FLAGS.I, m: FLAGS.M, s: FLAGS.S, u: FLAGS.U, x: FLAGS.X }[f] ?? 0;
    pattern = pattern.slice(inline[0].length);
  }
  let p = flags & FLAGS.X ? stripVerbose(pattern) : pattern;
  p = p
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  let f = extra;
  if (flags & FLAGS.I) f += 'i';
  if (flags & FLAGS.M) f += 'm';
  if (flags & FLAGS.S) f += 's';
  return new RegExp(p, f);
}

export class PyMatch {
  constructor(
    private readonly m: RegExpExecArray,
    readonly string: string,
  ) {}
  private idx(g: unknown): number | string {
    return typeof g === 'string' && !/^\d+$/.test(g) ? g : Number(g ?? 0);
  }
  private value(g: unknown): string | null {
    const k = this.idx(g);
    const v = typeof k === 'string' ? this.m.groups?.[k] : this.m[k];
    return v === undefined ? null : v;
  }
  group(...groups: unknown[]): unknown {
    if (groups.length <= 1) return this.value(groups[0] ?? 0);
    return groups.map((g) => this.value(g));
  }
  groups(dflt: unknown = null): unknown[] {
    return this.m.slice(1).map((v) => (v === undefined ? dflt : v));
  }
  groupdict(dflt: unknown = null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.m.groups ?? {})) out[k] = v === undefined ? dflt : v;
    return out;
  }
  start(g: unknown = 0): number {
    const k = this.idx(g);
    if (k === 0) return this.m.index;
    const v = this.value(g);
    return v === null ? -1 : this.string.indexOf(v, this.m.index);
  }
  end(g: unknown = 0): number {
    const s = this.start(g);
    const v = this.value(g);
    return v === null ? -1 : s + v.length;
  }
  span(g: unknown = 0): number[] {
    return [this.start(g), this.end(g)];
  }
  __getitem__(g: unknown): unknown {
    return this.value(g);
  }
  toString(): string {
    return `<re.Match object; span=(${this.start()}, ${this.end()}), match='${this.m[0]}'>`;
  }
}

/** Python's replacement template: `\\1`, `\\g<1>`, `\\g<name>`, `\\n`, `\\\\`. */
function expandTemplate(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\\(g<([^>]+)>|\d{1,2}|n|t|\\)/g, (_all, what: string, name: string | undefined) => {
    if (what === 'n') return '\n';
    if (what === 't') return '\t';
    if (what === '\\') return '\\';
    const key = name ?? what;
    const v = /^\d+$/.test(key) ? m[Number(key)] : m.groups?.[key];
    return v ?? '';
  });
}

export class PyPattern {
  constructor(
    readonly pattern: string,
    readonly flags: number,
  ) {}
  private re(extra = ''): RegExp {
    return toJsRegex(this.pattern, this.flags, extra);
  }
  match(s: unknown): PyMatch | null {
    const str = pyStr(s);
    const re = this.re('y');
    const m = re.exec(str);
    return m ? new PyMatch(m, str) : null;
  }
  fullmatch(s: unknown): PyMatch | null {
    const str = pyStr(s);
    const m = toJsRegex(`(?:${this.pattern})$`, this.flags, 'y').exec(str);
    return m ? new PyMatch(m, str) : null;
  }
  search(s: unknown): PyMatch | null {
    const str = pyStr(s);
    const m = this.re().exec(str);
    return m ? new PyMatch(m, str) : null;
  }
  findall(s: unknown): unknown[] {
    const str = pyStr(s);
    return [...str.matchAll(this.re('g'))].map((m) => {
      if (m.length === 1) return m[0];
      if (m.length === 2) return m[1] ?? '';
      return m.slice(1).map((v) => v ?? '');
    });
  }
  finditer(s: unknown): PyMatch[] {
    const str = pyStr(s);
    return [...str.matchAll(this.re('g'))].map((m) => new PyMatch(m as RegExpExecArray, str));
  }
  sub(...args: unknown[]): string {
    const { repl, string, count } = bindArgs(args, ['repl', 'string', 'count'], { count: 0 });
    const str = pyStr(string);
    let n = Number(count);
    const re = this.re('g');
    const replace = (m: RegExpExecArray) =>
      typeof repl === 'function'
        ? pyStr((repl as AnyFn)(new PyMatch(m, str)))
        : expandTemplate(pyStr(repl), m);
    let out = '';
    let last = 0;
    for (const m of str.matchAll(re)) {
      if (count !== 0 && n-- <= 0) break;
      out += str.slice(last, m.index) + replace(m as RegExpExecArray);
      last = m.index! + m[0].length;
    }
    return out + str.slice(last);
  }
  split(...args: unknown[]): string[] {
    const { string, maxsplit } = bindArgs(args, ['string', 'maxsplit'], { maxsplit: 0 });
    const str = pyStr(string);
    const max = Number(maxsplit);
    const out: string[] = [];
    let last = 0;
    let n = 0;
    for (const m of str.matchAll(this.re('g'))) {
      if (max && n++ >= max) break;
      out.push(str.slice(last, m.index), ...m.slice(1).map((v) => v ?? ''));
      last = m.index! + m[0].length;
    }
    out.push(str.slice(last));
    return out;
  }
  toString(): string {
    return `re.compile('${this.pattern}')`;
  }
}

internalClass(PyPattern, PyMatch);

export function createReModule() {
  const compile = (pattern: unknown, flags: unknown = 0) =>
    pattern instanceof PyPattern ? pattern : new PyPattern(pyStr(pattern), Number(flags ?? 0));
  const withPattern = (method: keyof PyPattern, names: string[]) =>
    internal((...args: unknown[]) => {
      const a = bindArgs(args, ['pattern', ...names, 'flags'], { flags: 0 });
      const pat = compile(a.pattern, a.flags);
      const rest = names.map((n) => a[n]);
      return (pat[method] as AnyFn).apply(pat, rest);
    });
  return {
    ...FLAGS,
    compile: internal((...args: unknown[]) => {
      const a = bindArgs(args, ['pattern', 'flags'], { flags: 0 });
      return compile(a.pattern, a.flags);
    }),
    match: withPattern('match', ['string']),
    fullmatch: withPattern('fullmatch', ['string']),
    search: withPattern('search', ['string']),
    findall: withPattern('findall', ['string']),
    finditer: withPattern('finditer', ['string']),
    sub: withPattern('sub', ['repl', 'string', 'count']),
    split: withPattern('split', ['string', 'maxsplit']),
    escape: internal((s: unknown) => pyStr(s).replace(/[.*+?^${}()|[\]\\\-/#&~\s]/g, '\\$&')),
  };
}
