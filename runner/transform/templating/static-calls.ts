/**
 * The static fast path of parsing: find the `ref`, `source` and `config` calls of a model without rendering
 * it, when the model is plain SQL plus `{{ ref('x') }}`, `{{ ref('pkg', 'x') }}`, `{{ source('s', 't') }}`
 * and `{{ config(key=literal, ...) }}` with literal arguments (strings, numbers, booleans, None, lists,
 * dicts) and `{# comments #}`. Anything else (a block tag, a variable, a filter, another call) returns
 * null: the engine must render the model (with execute=False) to learn its dependencies.
 */

export interface StaticRef {
  name: string;
  package?: string;
  version?: string | number;
}

export interface StaticSource {
  source: string;
  table: string;
}

export interface StaticCalls {
  refs: StaticRef[];
  sources: StaticSource[];
  /** The keyword arguments of every `config()` call, merged in order. */
  config: Record<string, unknown>;
}

type Tok = { t: 'name' | 'str' | 'num' | 'punct' | 'end'; v: string; n?: number };

class Lexer {
  pos: number;
  constructor(
    private readonly s: string,
    start: number,
  ) {
    this.pos = start;
  }

  next(): Tok | null {
    const s = this.s;
    while (this.pos < s.length && /\s/.test(s[this.pos])) this.pos++;
    if (this.pos >= s.length) return null;
    const c = s[this.pos];
    if (c === '-' && s.startsWith('-}}', this.pos)) {
      this.pos += 3;
      return { t: 'end', v: '}}' };
    }
    if (c === '}' && s[this.pos + 1] === '}') {
      this.pos += 2;
      return { t: 'end', v: '}}' };
    }
    if (c === "'" || c === '"') {
      let out = '';
      let i = this.pos + 1;
      while (i < s.length && s[i] !== c) {
        if (s[i] === '\\') {
          const e = s[i + 1];
          if (e === 'n') out += '\n';
          else if (e === 't') out += '\t';
          else if (e === '\\' || e === "'" || e === '"') out += e;
          else return null;
          i += 2;
        } else {
          if (s[i] === '\n') return null;
          out += s[i++];
        }
      }
      if (i >= s.length) return null;
      this.pos = i + 1;
      return { t: 'str', v: out };
    }
    const num = /^-?\d+(\.\d+)?/.exec(s.slice(this.pos, this.pos + 32));
    if (num) {
      this.pos += num[0].length;
      return { t: 'num', v: num[0], n: Number(num[0]) };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos, this.pos + 128));
    if (name) {
      this.pos += name[0].length;
      return { t: 'name', v: name[0] };
    }
    if ('()[]{},:='.includes(c)) {
      this.pos++;
      return { t: 'punct', v: c };
    }
    return null;
  }
}

const FAIL = Symbol('fail');
const CONSTANTS: Record<string, unknown> = {
  True: true,
  true: true,
  False: false,
  false: false,
  None: null,
  none: null,
};

class ExprParser {
  private peeked: Tok | null | undefined;
  constructor(private readonly lx: Lexer) {}

  peek(): Tok | null {
    if (this.peeked === undefined) this.peeked = this.lx.next();
    return this.peeked;
  }
  take(): Tok | null {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }
  punct(v: string): boolean {
    const t = this.peek();
    if (t && t.t === 'punct' && t.v === v) {
      this.take();
      return true;
    }
    return false;
  }

  literal(): unknown {
    const t = this.take();
    if (!t) return FAIL;
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return t.n;
    if (t.t === 'name') return t.v in CONSTANTS ? CONSTANTS[t.v] : FAIL;
    if (t.t !== 'punct') return FAIL;
    if (t.v === '[' || t.v === '(') {
      const close = t.v === '[' ? ']' : ')';
      const out: unknown[] = [];
      while (!this.punct(close)) {
        if (out.length && !this.punct(',')) return FAIL;
        if (this.punct(close)) break;
        const v = this.literal();
        if (v === FAIL) return FAIL;
        out.push(v);
      }
      return out;
    }
    if (t.v === '{') {
      const out: Record<string, unknown> = {};
      let first = true;
      while (!this.punct('}')) {
        if (!first && !this.punct(',')) return FAIL;
        first = false;
        if (this.punct('}')) break;
        const k = this.take();
        if (!k || k.t !== 'str' || !this.punct(':')) return FAIL;
        const v = this.literal();
        if (v === FAIL) return FAIL;
        out[k.v] = v;
      }
      return out;
    }
    return FAIL;
  }

  /** `name(args)` with literal arguments, then `}}`. */
  call(): { name: string; args: unknown[]; kwargs: Record<string, unknown> } | null {
    const name = this.take();
    if (!name || name.t !== 'name' || !this.punct('(')) return null;
    const args: unknown[] = [];
    const kwargs: Record<string, unknown> = {};
    let first = true;
    while (!this.punct(')')) {
      if (!first && !this.punct(',')) return null;
      first = false;
      if (this.punct(')')) break;
      const t = this.peek();
      if (t && t.t === 'name' && !(t.v in CONSTANTS)) {
        this.take();
        if (!this.punct('=')) return null;
        const v = this.literal();
        if (v === FAIL) return null;
        kwargs[t.v] = v;
      } else {
        if (Object.keys(kwargs).length) return null;
        const v = this.literal();
        if (v === FAIL) return null;
        args.push(v);
      }
    }
    const end = this.take();
    if (!end || end.t !== 'end') return null;
    return { name: name.v, args, kwargs };
  }
}

export function staticCalls(source: string): StaticCalls | null {
  const out: StaticCalls = { refs: [], sources: [], config: {} };
  let i = 0;
  while (true) {
    const open = source.indexOf('{', i);
    if (open < 0) return out;
    const next = source[open + 1];
    if (next === '%') return null;
    if (next === '#') {
      const close = source.indexOf('#}', open + 2);
      if (close < 0) return null;
      i = close + 2;
      continue;
    }
    if (next !== '{') {
      i = open + 1;
      continue;
    }
    const start = source[open + 2] === '-' ? open + 3 : open + 2;
    const lx = new Lexer(source, start);
    const call = new ExprParser(lx).call();
    if (!call) return null;
    const { name, args, kwargs } = call;
    if (name === 'ref') {
      if (args.length < 1 || args.length > 2 || !args.every((a) => typeof a === 'string')) return null;
      const extra = Object.keys(kwargs).filter((k) => k !== 'v' && k !== 'version');
      if (extra.length) return null;
      const ref: StaticRef =
        args.length === 2
          ? { package: args[0] as string, name: args[1] as string }
          : { name: args[0] as string };
      const version = kwargs.v ?? kwargs.version;
      if (version !== undefined) {
        if (typeof version !== 'string' && typeof version !== 'number') return null;
        ref.version = version;
      }
      out.refs.push(ref);
    } else if (name === 'source') {
      if (args.length !== 2 || !args.every((a) => typeof a === 'string') || Object.keys(kwargs).length)
        return null;
      out.sources.push({ source: args[0] as string, table: args[1] as string });
    } else if (name === 'config') {
      if (args.length) return null;
      Object.assign(out.config, kwargs);
    } else {
      return null;
    }
    i = lx.pos;
  }
}
