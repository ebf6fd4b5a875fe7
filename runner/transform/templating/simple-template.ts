/**
 * The fast path for the most common model shape: SQL text with `{{ ... }}` expressions that are a name, a
 * dotted path, or a call of one with literal arguments (`{{ ref('x') }}`, `{{ config(materialized='table') }}`,
 * `{{ this }}`, `{{ target.schema }}`, `{{ dbt_utils.generate_surrogate_key(['a', 'b']) }}`), plus
 * `{# comments #}` and whitespace control. Such templates are recognised without nunjucks' parser and run
 * without generating code, through the same runtime calls compiled templates make. Anything else returns
 * null and goes through the full compiler. Also the basis of `staticCalls`.
 */
import { isTuple, tuple } from './python-repr';

/** A literal argument: a string, number, boolean, None, or a list/tuple/dict of literals. */
export type Literal = string | number | boolean | null | Literal[] | { [k: string]: Literal };

export interface SimpleExpr {
  /** `a.b.c` → ['a', 'b', 'c'] */
  path: string[];
  /** Present when the expression is a call. */
  call?: { args: Literal[]; kwargs: [string, Literal][] };
  /** 0-based position of the expression's first name (what compiled templates report). */
  line: number;
  col: number;
  /** True when a literal argument is a list or dict (a fresh copy is passed on every render). */
  mutable: boolean;
}

export type SimplePart = string | SimpleExpr;

type Tok =
  | { t: 'name'; v: string }
  | { t: 'lit'; v: Literal }
  | { t: 'punct'; v: string }
  | { t: 'end'; trim: boolean };

const CONSTANTS: Record<string, Literal> = {
  True: true,
  true: true,
  False: false,
  false: false,
  None: null,
  none: null,
};

class ExprLexer {
  constructor(
    private readonly s: string,
    public pos: number,
  ) {}

  next(): Tok | null {
    const s = this.s;
    let c = s.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = s.charCodeAt(++this.pos);
    const ch = s[this.pos];
    if (ch === undefined) return null;
    if (ch === '-' && s.startsWith('-}}', this.pos)) {
      this.pos += 3;
      return { t: 'end', trim: true };
    }
    if (ch === '}' && s[this.pos + 1] === '}') {
      this.pos += 2;
      return { t: 'end', trim: false };
    }
    if (ch === "'" || ch === '"') {
      let out = '';
      let i = this.pos + 1;
      while (i < s.length && s[i] !== ch) {
        if (s[i] === '\\') {
          const e = s[i + 1];
          if (e === 'n') out += '\n';
          else if (e === 't') out += '\t';
          else if (e === '\\' || e === "'" || e === '"') out += e;
          else return null;
          i += 2;
        } else {
          out += s[i++];
        }
      }
      if (i >= s.length) return null;
      this.pos = i + 1;
      return { t: 'lit', v: out };
    }
    if ((ch >= '0' && ch <= '9') || (ch === '-' && /[0-9]/.test(s[this.pos + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?(?![\w.])/.exec(s.slice(this.pos, this.pos + 40));
      if (!m) return null;
      this.pos += m[0].length;
      return { t: 'lit', v: Number(m[0]) };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos, this.pos + 200));
    if (m) {
      this.pos += m[0].length;
      if (m[0] in CONSTANTS) return { t: 'lit', v: CONSTANTS[m[0]] };
      return { t: 'name', v: m[0] };
    }
    if ('()[]{},:=.'.includes(ch)) {
      this.pos++;
      return { t: 'punct', v: ch };
    }
    return null;
  }
}

const FAIL = Symbol('fail');

class ExprParser {
  private peeked: Tok | null | undefined;
  mutable = false;
  constructor(readonly lx: ExprLexer) {}

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

  literal(): Literal | typeof FAIL {
    const t = this.take();
    if (!t) return FAIL;
    if (t.t === 'lit') return t.v;
    if (t.t !== 'punct') return FAIL;
    if (t.v === '[' || t.v === '(') {
      this.mutable = true;
      const close = t.v === '[' ? ']' : ')';
      const out: Literal[] = [];
      let comma = false;
      while (!this.punct(close)) {
        if (out.length) {
          if (!this.punct(',')) return FAIL;
          comma = true;
        }
        if (this.punct(close)) break;
        const v = this.literal();
        if (v === FAIL) return FAIL;
        out.push(v);
      }
      if (t.v === '[') return out;
      // `(x)` is x itself; `(x,)`, `(x, y)` and `()` are tuples.
      return out.length === 1 && !comma ? out[0] : tuple(out);
    }
    if (t.v === '{') {
      this.mutable = true;
      const out: Record<string, Literal> = {};
      let first = true;
      while (!this.punct('}')) {
        if (!first && !this.punct(',')) return FAIL;
        first = false;
        if (this.punct('}')) break;
        const k = this.take();
        if (!k || k.t !== 'lit' || typeof k.v !== 'string' || !this.punct(':')) return FAIL;
        const v = this.literal();
        if (v === FAIL) return FAIL;
        out[k.v] = v;
      }
      return out;
    }
    return FAIL;
  }

  /** `a.b.c` or `a.b(args)`, then `}}`. */
  expression(): { path: string[]; call?: SimpleExpr['call']; trim: boolean } | null {
    const first = this.take();
    if (!first || first.t !== 'name') return null;
    const path = [first.v];
    while (this.punct('.')) {
      const n = this.take();
      if (!n || n.t !== 'name') return null;
      path.push(n.v);
    }
    let call: SimpleExpr['call'];
    if (this.punct('(')) {
      const args: Literal[] = [];
      const kwargs: [string, Literal][] = [];
      let firstArg = true;
      while (!this.punct(')')) {
        if (!firstArg && !this.punct(',')) return null;
        firstArg = false;
        if (this.punct(')')) break;
        const t = this.peek();
        if (t && t.t === 'name') {
          this.take();
          if (!this.punct('=')) return null;
          const v = this.literal();
          if (v === FAIL) return null;
          kwargs.push([t.v, v]);
        } else {
          if (kwargs.length) return null;
          const v = this.literal();
          if (v === FAIL) return null;
          args.push(v);
        }
      }
      call = { args, kwargs };
    }
    const end = this.take();
    if (!end || end.t !== 'end') return null;
    return { path, call, trim: end.trim };
  }
}

function lineCol(src: string, pos: number, from: { pos: number; line: number; lineStart: number }): void {
  for (let i = from.pos; i < pos; i++) {
    if (src.charCodeAt(i) === 10) {
      from.line++;
      from.lineStart = i + 1;
    }
  }
  from.pos = pos;
}

/** Parse a template made only of text, comments and simple expressions; null otherwise. */
export function parseSimpleTemplate(source: string): SimplePart[] | null {
  const parts: SimplePart[] = [];
  const where = { pos: 0, line: 0, lineStart: 0 };
  let text = '';
  let trimNext = false;
  let i = 0;
  const pushText = (t: string) => {
    text += trimNext ? t.replace(/^\s+/, '') : t;
    trimNext = false;
  };
  while (true) {
    const open = source.indexOf('{', i);
    if (open < 0) {
      pushText(source.slice(i));
      break;
    }
    const next = source[open + 1];
    if (next !== '{' && next !== '#' && next !== '%') {
      pushText(source.slice(i, open + 1));
      i = open + 1;
      continue;
    }
    if (next === '%') return null;
    const trimBefore = source[open + 2] === '-';
    pushText(source.slice(i, open));
    if (trimBefore) text = text.replace(/\s+$/, '');
    if (next === '#') {
      const close = source.indexOf('#}', open + 2);
      if (close < 0) return null;
      trimNext = source[close - 1] === '-' && close - 1 > open + 1;
      i = close + 2;
      continue;
    }
    const start = trimBefore ? open + 3 : open + 2;
    const parser = new ExprParser(new ExprLexer(source, start));
    let exprStart = start;
    while (/\s/.test(source[exprStart] ?? '')) exprStart++;
    const expr = parser.expression();
    if (!expr) return null;
    if (text) parts.push(text);
    text = '';
    lineCol(source, exprStart, where);
    parts.push({
      path: expr.path,
      call: expr.call,
      line: where.line,
      col: exprStart - where.lineStart,
      mutable: parser.mutable,
    });
    trimNext = expr.trim;
    i = parser.lx.pos;
  }
  if (text) parts.push(text);
  return parts;
}

/** A fresh copy of a literal (lists and dicts may be mutated by the callee). */
export function cloneLiteral(v: Literal): Literal {
  if (Array.isArray(v)) return isTuple(v) ? tuple(v.map(cloneLiteral)) : v.map(cloneLiteral);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Literal> = {};
    for (const k of Object.keys(v)) out[k] = cloneLiteral(v[k]);
    return out;
  }
  return v;
}
