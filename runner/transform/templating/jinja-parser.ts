/**
 * nunjucks' parser, extended to accept the Python-flavoured Jinja that dbt projects use: `True/False/None`,
 * slicing (`x[1:]`, `x[::2]`), trailing commas, tuples, `{% set a, b = 1, 2 %}`, `{% do %}`,
 * `{% break %}`/`{% continue %}`, dbt's `{% test %}`, `{% materialization %}`, `{% snapshot %}` and
 * `{% docs %}` blocks, `x.0` lookups. Works on nunjucks' token stream, so strings and comments are never
 * touched. The subclass is local to this module: nunjucks itself is not patched.
 */
import nunjucks from 'nunjucks';
import {
  BreakNode,
  ContinueNode,
  DoNode,
  nodes,
  SliceNode,
  SnapshotNode,
  StarArgsNode,
  StarKwargsNode,
  TupleNode,
  WithNode,
} from './jinja-nodes';

const lexer: any = (nunjucks as any).lexer;
const BaseParser: any = (nunjucks as any).parser.Parser;

const PY_CONSTANTS: Record<string, unknown> = { True: true, False: false, None: null };

/** Python string escapes: unknown escapes keep their backslash (`'\d'` stays `\d`). */
function parsePythonString(this: any, delimiter: string): string {
  this.forward();
  let str = '';
  while (!this.isFinished() && this.current() !== delimiter) {
    const cur = this.current();
    if (cur !== '\\') {
      str += cur;
      this.forward();
      continue;
    }
    this.forward();
    const esc = this.current();
    switch (esc) {
      case 'n':
        str += '\n';
        break;
      case 't':
        str += '\t';
        break;
      case 'r':
        str += '\r';
        break;
      case '0':
        str += '\0';
        break;
      case '\\':
      case "'":
      case '"':
        str += esc;
        break;
      case '\n':
        break;
      case 'x':
      case 'u': {
        const len = esc === 'x' ? 2 : 4;
        const hex = this.str.slice(this.index + 1, this.index + 1 + len);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
          str += String.fromCharCode(parseInt(hex, 16));
          this.forwardN(len);
        } else {
          str += '\\' + esc;
        }
        break;
      }
      default:
        str += '\\' + esc;
    }
    this.forward();
  }
  this.forward();
  return str;
}

/** A tokenizer whose strings follow Python and where `r/` is not a regex literal (nunjucks-only syntax). */
/** Move a tokenizer over `text` (which starts at its index), keeping line and column right. */
function advance(tk: any, text: string): void {
  const nl = text.lastIndexOf('\n');
  if (nl === -1) {
    tk.colno += text.length;
  } else {
    let lines = 0;
    for (let i = 0; i <= nl; i++) if (text.charCodeAt(i) === 10) lines++;
    tk.lineno += lines;
    tk.colno = text.length - nl - 1;
  }
  tk.index += text.length;
}

/** nunjucks' scanner, without its character-at-a-time string building (same results, much faster on SQL). */
function extractMatching(this: any, breakOnMatch: boolean, charString: string): string | null {
  if (this.index >= this.len) return null;
  const str: string = this.str;
  let i = this.index;
  while (i < this.len && (charString.indexOf(str[i]) !== -1) !== breakOnMatch) i++;
  if (i === this.index) return '';
  const text = str.slice(this.index, i);
  advance(this, text);
  return text;
}

function forwardN(this: any, n: number): void {
  advance(this, this.str.slice(this.index, this.index + n));
}

/** nunjucks' lookahead, without slicing a new string for every check. */
function matches(this: any, str: string): boolean | null {
  if (this.index + str.length > this.len) return null;
  return this.str.startsWith(str, this.index);
}

export function tokenize(src: string): any {
  const tokens = lexer.lex(src, {});
  tokens._parseString = parsePythonString;
  tokens._extractMatching = extractMatching;
  tokens.forwardN = forwardN;
  tokens._matches = matches;
  const next = tokens.nextToken;
  // Open brackets inside the current tag: like Jinja's lexer, `}}` closes two braces while any is open.
  let depth = 0;
  tokens.nextToken = function nextToken(this: any) {
    if (this.in_code) {
      const ch = this.str.charAt(this.index);
      if ((ch === 'r' && this.str.charAt(this.index + 1) === '/') || (ch === '}' && depth > 0)) {
        const lineno = this.lineno;
        const colno = this.colno;
        this.forward();
        if (ch === '}') depth--;
        return ch === 'r'
          ? { type: lexer.TOKEN_SYMBOL, value: 'r', lineno, colno }
          : { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno, colno };
      }
    }
    const tok = next.call(this);
    if (tok) {
      switch (tok.type) {
        case lexer.TOKEN_LEFT_PAREN:
        case lexer.TOKEN_LEFT_BRACKET:
        case lexer.TOKEN_LEFT_CURLY:
          depth++;
          break;
        case lexer.TOKEN_RIGHT_PAREN:
        case lexer.TOKEN_RIGHT_BRACKET:
        case lexer.TOKEN_RIGHT_CURLY:
          depth = Math.max(0, depth - 1);
          break;
        case lexer.TOKEN_BLOCK_START:
        case lexer.TOKEN_VARIABLE_START:
        case lexer.TOKEN_BLOCK_END:
        case lexer.TOKEN_VARIABLE_END:
          depth = 0;
          break;
        case lexer.TOKEN_SYMBOL: {
          const c = tok.value.charCodeAt(0);
          if (c >= 48 && c <= 57 && /^\d+(\.\d+)?[eE]\d+$/.test(tok.value)) {
            return { ...tok, type: lexer.TOKEN_FLOAT, value: tok.value };
          }
        }
      }
    }
    return tok;
  };
  return tokens;
}

const NOT_AN_ARGUMENT = new Set(['and', 'or', 'else', 'if', 'in', 'not', 'is']);

/** After `x is test`, a token that starts the test's single unparenthesised argument (Jinja's rule). */
function startsBareTestArgument(tok: any): boolean {
  switch (tok.type) {
    case lexer.TOKEN_STRING:
    case lexer.TOKEN_INT:
    case lexer.TOKEN_FLOAT:
    case lexer.TOKEN_BOOLEAN:
    case lexer.TOKEN_NONE:
    case lexer.TOKEN_LEFT_BRACKET:
    case lexer.TOKEN_LEFT_CURLY:
      return true;
    case lexer.TOKEN_SYMBOL:
      return !NOT_AN_ARGUMENT.has(tok.value);
    default:
      return false;
  }
}

export class JinjaParser extends BaseParser {
  [k: string]: any;

  constructor(...args: any[]) {
    super(...args);
  }

  parsePrimary(noPostfix?: boolean): any {
    const tok = this.peekToken();
    if (tok && tok.type === lexer.TOKEN_STRING) {
      // Adjacent string literals concatenate, as in Python: 'a' 'b' == 'ab'.
      this.nextToken();
      let value: string = tok.value;
      while (this.peekToken()?.type === lexer.TOKEN_STRING) value += this.nextToken().value;
      let node = new nodes.Literal(tok.lineno, tok.colno, value);
      if (!noPostfix) node = this.parsePostfix(node);
      return node;
    }
    if (
      tok &&
      tok.type === lexer.TOKEN_SYMBOL &&
      Object.prototype.hasOwnProperty.call(PY_CONSTANTS, tok.value)
    ) {
      this.nextToken();
      let node = new nodes.Literal(tok.lineno, tok.colno, PY_CONSTANTS[tok.value]);
      if (!noPostfix) node = this.parsePostfix(node);
      return node;
    }
    return super.parsePrimary(noPostfix);
  }

  parsePostfix(node: any): any {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        node = this.parseSubscript(node, tok);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const val = this.nextToken();
        let key: any;
        if (val && val.type === lexer.TOKEN_SYMBOL) key = new nodes.Literal(val.lineno, val.colno, val.value);
        else if (val && val.type === lexer.TOKEN_INT)
          key = new nodes.Literal(val.lineno, val.colno, parseInt(val.value, 10));
        else
          this.fail(
            'expected name as lookup value, got ' + (val ? val.value : 'end of file'),
            val?.lineno,
            val?.colno,
          );
        node = new nodes.LookupVal(tok.lineno, tok.colno, node, key);
        node.attr = true;
      } else {
        break;
      }
      tok = this.peekToken();
    }
    return node;
  }

  /** `x is name`, `x is not name`, `x is name(args)`, `x is divisibleby 3` (one argument without parentheses). */
  parseIs(): any {
    let node = this.parseCompare();
    const isTok = this.peekToken();
    if (!this.skipSymbol('is')) return node;
    const negate = this.skipSymbol('not');
    const tok = this.nextToken();
    let name: string;
    if (tok?.type === lexer.TOKEN_SYMBOL) {
      name = tok.value;
      while (this.skipValue(lexer.TOKEN_OPERATOR, '.')) name += '.' + this.expect(lexer.TOKEN_SYMBOL).value;
    } else if (tok?.type === lexer.TOKEN_NONE) {
      name = 'none';
    } else if (tok?.type === lexer.TOKEN_BOOLEAN) {
      name = tok.value;
    } else if (tok?.type === lexer.TOKEN_OPERATOR && ['==', '!=', '<', '>', '<=', '>='].includes(tok.value)) {
      name = tok.value;
    } else {
      this.fail('expected a test name after `is`', isTok.lineno, isTok.colno);
    }
    const nameNode = new nodes.Symbol(tok.lineno, tok.colno, name!);
    const next = this.peekToken();
    let right: any = nameNode;
    if (next?.type === lexer.TOKEN_LEFT_PAREN) {
      right = new nodes.FunCall(tok.lineno, tok.colno, nameNode, this.parseSignature());
    } else if (next && startsBareTestArgument(next)) {
      right = new nodes.FunCall(
        tok.lineno,
        tok.colno,
        nameNode,
        new nodes.NodeList(next.lineno, next.colno, [this.parsePrimary()]),
      );
    }
    node = new nodes.Is(node.lineno, node.colno, node, right);
    return negate ? new nodes.Not(node.lineno, node.colno, node) : node;
  }

  /** Call arguments, with a trailing comma allowed. */
  parseSignature(tolerant?: boolean, noParens?: boolean): any {
    let tok = this.peekToken();
    if (!noParens && tok?.type !== lexer.TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail('expected arguments', tok?.lineno, tok?.colno);
    }
    if (tok.type === lexer.TOKEN_LEFT_PAREN) tok = this.nextToken();
    const args = new nodes.NodeList(tok.lineno, tok.colno);
    const kwargs = new nodes.KeywordArgs(tok.lineno, tok.colno);
    let first = true;
    while (true) {
      const next = this.peekToken();
      if (!next) this.fail('unexpected end of template in call arguments', tok.lineno, tok.colno);
      if (!noParens && next.type === lexer.TOKEN_RIGHT_PAREN) {
        this.nextToken();
        break;
      }
      if (noParens && next.type === lexer.TOKEN_BLOCK_END) break;
      if (!first) {
        if (!this.skip(lexer.TOKEN_COMMA))
          this.fail('expected comma between arguments', next.lineno, next.colno);
        const after = this.peekToken();
        if (!noParens && after?.type === lexer.TOKEN_RIGHT_PAREN) {
          this.nextToken();
          break;
        }
      }
      first = false;
      const star = this.peekToken();
      if (star?.type === lexer.TOKEN_OPERATOR && (star.value === '*' || star.value === '**')) {
        this.nextToken();
        const expr = this.parseExpression();
        args.addChild(
          new (star.value === '*' ? StarArgsNode : StarKwargsNode)(star.lineno, star.colno, expr),
        );
        continue;
      }
      const arg = this.parseExpression();
      if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
        kwargs.addChild(new nodes.Pair(arg.lineno, arg.colno, arg, this.parseExpression()));
      } else {
        if (kwargs.children.length)
          this.fail('positional argument follows keyword argument', arg.lineno, arg.colno);
        args.addChild(arg);
      }
    }
    if (kwargs.children.length) args.addChild(kwargs);
    return args;
  }

  /** `[i]`, `[a:b]`, `[a:b:c]` with any part optional. */
  parseSubscript(target: any, open: any): any {
    this.nextToken();
    const isColon = () => this.peekToken()?.type === lexer.TOKEN_COLON;
    const isClose = () => this.peekToken()?.type === lexer.TOKEN_RIGHT_BRACKET;
    const start = isColon() ? null : this.parseExpression();
    if (!this.skip(lexer.TOKEN_COLON)) {
      if (!this.skip(lexer.TOKEN_RIGHT_BRACKET)) this.fail('expected ] after index', open.lineno, open.colno);
      return new nodes.LookupVal(open.lineno, open.colno, target, start);
    }
    const stop = isColon() || isClose() ? null : this.parseExpression();
    let step = null;
    if (this.skip(lexer.TOKEN_COLON)) step = isClose() ? null : this.parseExpression();
    if (!this.skip(lexer.TOKEN_RIGHT_BRACKET)) this.fail('expected ] after slice', open.lineno, open.colno);
    return new SliceNode(open.lineno, open.colno, target, start, stop, step);
  }

  /** Lists, dicts and tuples, with trailing commas and expression keys. */
  parseAggregate(): any {
    const tok = this.nextToken();
    let node: any;
    let closer: string;
    switch (tok?.type) {
      case lexer.TOKEN_LEFT_PAREN:
        node = new nodes.Group(tok.lineno, tok.colno);
        closer = lexer.TOKEN_RIGHT_PAREN;
        break;
      case lexer.TOKEN_LEFT_BRACKET:
        node = new nodes.Array(tok.lineno, tok.colno);
        closer = lexer.TOKEN_RIGHT_BRACKET;
        break;
      case lexer.TOKEN_LEFT_CURLY:
        node = new nodes.Dict(tok.lineno, tok.colno);
        closer = lexer.TOKEN_RIGHT_CURLY;
        break;
      default:
        return null;
    }
    let sawComma = false;
    while (true) {
      const next = this.peekToken();
      if (!next) this.fail('unexpected end of template inside a literal', tok.lineno, tok.colno);
      if (next.type === closer) {
        this.nextToken();
        break;
      }
      if (node.children.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA))
          this.fail('expected comma after expression', next.lineno, next.colno);
        sawComma = true;
        if (this.peekToken()?.type === closer) {
          this.nextToken();
          break;
        }
      }
      if (node instanceof nodes.Dict) {
        const key = this.parseExpression();
        if (!this.skip(lexer.TOKEN_COLON)) this.fail('expected colon after dict key', key.lineno, key.colno);
        const value = this.parseExpression();
        node.addChild(new nodes.Pair(key.lineno, key.colno, key, value));
      } else {
        node.addChild(this.parseExpression());
      }
    }
    if (node instanceof nodes.Group && (sawComma || node.children.length === 0)) {
      return new TupleNode(node.lineno, node.colno, node.children);
    }
    return node;
  }

  parseStatement(): any {
    const tok = this.peekToken();
    this.tagStack ??= [];
    this.tagStack.push(tok);
    try {
      return this.parseStatementInner(tok);
    } catch (e) {
      // Remember the tags being parsed, to name the unclosed one when the template ends or a stray end tag appears.
      if (e && typeof e === 'object' && !(e as any).openTags) (e as any).openTags = this.tagStack.slice();
      throw e;
    } finally {
      this.tagStack.pop();
    }
  }

  parseStatementInner(tok: any): any {
    if (tok && tok.type === lexer.TOKEN_SYMBOL) {
      if (this.breakOnBlocks && this.breakOnBlocks.indexOf(tok.value) !== -1) return null;
      switch (tok.value) {
        case 'do':
          return this.parseDo();
        case 'with':
          return this.parseWith();
        case 'break':
        case 'continue':
          this.nextToken();
          this.advanceAfterBlockEnd(tok.value);
          return tok.value === 'break'
            ? new BreakNode(tok.lineno, tok.colno)
            : new ContinueNode(tok.lineno, tok.colno);
        case 'test':
          return this.parseNamedMacro('test', 'endtest', (name: string) => `test_${name}`);
        case 'materialization':
          return this.parseMaterialization();
        case 'snapshot':
          return this.parseSnapshot();
        case 'docs':
          return this.parseDocs();
        case 'set':
          return this.parseSet();
        case 'include':
        case 'import':
        case 'from':
        case 'extends':
        case 'block':
          this.fail(
            `the {% ${tok.value} %} tag is not available in dbt projects; use macros instead`,
            tok.lineno,
            tok.colno,
          );
      }
    }
    return super.parseStatement();
  }

  /** `{% raw %}...{% endraw %}` (also `verbatim`), honouring `-` whitespace control on both tags. */
  parseRaw(tagName = 'raw'): any {
    const open = this.advanceAfterBlockEnd();
    const trimStart = open.value.charAt(0) === '-';
    this.dropLeadingWhitespace = false;
    const end = new RegExp(`^([\\s\\S]*?)\\{%(-?)\\s*end${tagName}\\s*(-?)%\\}`);
    const m = this.tokens._extractRegex(end);
    if (!m)
      this.fail(
        `unexpected end of template: {% ${tagName} %} is never closed (expected {% end${tagName} %})`,
        open.lineno,
        open.colno,
      );
    let body: string = m[1];
    if (trimStart) body = body.replace(/^\s+/, '');
    if (m[2] === '-') body = body.replace(/\s+$/, '');
    if (m[3] === '-') this.dropLeadingWhitespace = true;
    return new nodes.Output(open.lineno, open.colno, [new nodes.TemplateData(open.lineno, open.colno, body)]);
  }

  /** `{% with a = 1, b = x %}...{% endwith %}`: names visible only inside the block. */
  parseWith(): any {
    const tok = this.nextToken();
    const assignments: any[] = [];
    while (this.peekToken()?.type !== lexer.TOKEN_BLOCK_END) {
      if (assignments.length && !this.skip(lexer.TOKEN_COMMA))
        this.fail('expected comma in with tag', tok.lineno, tok.colno);
      const name = this.parsePrimary(true);
      if (!(name instanceof nodes.Symbol) || !this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
        this.fail('expected name = value in with tag', tok.lineno, tok.colno);
      }
      assignments.push(new nodes.Pair(name.lineno, name.colno, name, this.parseExpression()));
    }
    this.advanceAfterBlockEnd(tok.value);
    const body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return new WithNode(tok.lineno, tok.colno, new nodes.NodeList(tok.lineno, tok.colno, assignments), body);
  }

  parseDo(): any {
    const tok = this.nextToken();
    const expr = this.parseExpression();
    this.advanceAfterBlockEnd(tok.value);
    return new DoNode(tok.lineno, tok.colno, expr);
  }

  /** `{% test name(args) %}` → a macro named `test_name`. */
  parseNamedMacro(tag: string, end: string, rename: (name: string) => string): any {
    const tok = this.nextToken();
    const name = this.parsePrimary(true);
    if (!(name instanceof nodes.Symbol)) this.fail(`expected a name after ${tag}`, tok.lineno, tok.colno);
    const args = this.parseSignature();
    const macroName = new nodes.Symbol(name.lineno, name.colno, rename(name.value));
    const node = new nodes.Macro(tok.lineno, tok.colno, macroName, args);
    node.kind = tag;
    this.advanceAfterBlockEnd(tok.value);
    node.body = this.parseUntilBlocks(end);
    this.advanceAfterBlockEnd();
    return node;
  }

  /** `{% materialization name, adapter='duckdb' %}` or `{% materialization name, default %}`. */
  parseMaterialization(): any {
    const tok = this.nextToken();
    const name = this.parsePrimary(true);
    if (!(name instanceof nodes.Symbol)) this.fail('expected a materialization name', tok.lineno, tok.colno);
    const adapters: string[] = [];
    while (this.skip(lexer.TOKEN_COMMA)) {
      const key = this.parsePrimary(true);
      if (key instanceof nodes.Symbol && key.value === 'default') {
        adapters.push('default');
      } else if (key instanceof nodes.Symbol && this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
        const value = this.parsePrimary();
        if (key.value !== 'adapter') continue;
        if (value instanceof nodes.Literal && typeof value.value === 'string') adapters.push(value.value);
        else if (value instanceof nodes.Array) {
          for (const child of value.children)
            if (child instanceof nodes.Literal) adapters.push(String(child.value));
        } else this.fail('materialization adapter must be a string literal', key.lineno, key.colno);
      } else {
        this.fail('expected `default` or `adapter=` in materialization tag', tok.lineno, tok.colno);
      }
    }
    if (adapters.length === 0) adapters.push('default');
    this.advanceAfterBlockEnd(tok.value);
    const body = this.parseUntilBlocks('endmaterialization');
    this.advanceAfterBlockEnd();
    const list = new nodes.NodeList(tok.lineno, tok.colno);
    for (const adapter of adapters) {
      const macroName = new nodes.Symbol(name.lineno, name.colno, `materialization_${name.value}_${adapter}`);
      const macro = new nodes.Macro(
        tok.lineno,
        tok.colno,
        macroName,
        new nodes.NodeList(tok.lineno, tok.colno),
      );
      macro.kind = 'materialization';
      macro.body = body;
      list.addChild(macro);
    }
    return list;
  }

  parseSnapshot(): any {
    const tok = this.nextToken();
    const name = this.parsePrimary(true);
    this.advanceAfterBlockEnd(tok.value);
    const body = this.parseUntilBlocks('endsnapshot');
    this.advanceAfterBlockEnd();
    return new SnapshotNode(tok.lineno, tok.colno, name, body);
  }

  /** `{% docs name %}` bodies are documentation (read by the engine from YAML/markdown), never output. */
  parseDocs(): any {
    const tok = this.nextToken();
    this.parsePrimary(true);
    this.advanceAfterBlockEnd(tok.value);
    this.parseUntilBlocks('enddocs');
    this.advanceAfterBlockEnd();
    return new nodes.NodeList(tok.lineno, tok.colno);
  }

  /** `{% set x = 1 %}`, `{% set a, b = 1, 2 %}`, `{% set ns.x = 1 %}`, `{% set x %}...{% endset %}`. */
  parseSet(): any {
    const tag = this.nextToken();
    const node = new nodes.Set(tag.lineno, tag.colno, []);
    while (true) {
      const target = this.parsePrimary();
      if (!(target instanceof nodes.Symbol || target instanceof nodes.LookupVal)) {
        this.fail('can only assign to names or attributes', target.lineno, target.colno);
      }
      node.targets.push(target);
      if (!this.skip(lexer.TOKEN_COMMA)) break;
    }
    // `{% set x | filter %}...{% endset %}`: the filters apply to the captured text.
    const placeholder = new nodes.Literal(tag.lineno, tag.colno, '');
    const filtered = this.peekToken()?.type === lexer.TOKEN_PIPE ? this.parseFilter(placeholder) : null;
    if (filtered || !this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      if (!this.skip(lexer.TOKEN_BLOCK_END))
        this.fail('expected = or block end in set tag', tag.lineno, tag.colno);
      const capture = new nodes.Capture(tag.lineno, tag.colno, this.parseUntilBlocks('endset'));
      this.advanceAfterBlockEnd();
      if (filtered) {
        let f = filtered;
        while (f.args.children[0] !== placeholder) f = f.args.children[0];
        f.args.children[0] = capture;
        node.value = filtered;
      } else {
        node.body = capture;
        node.value = null;
      }
      return node;
    }
    const first = this.parseExpression();
    if (this.peekToken()?.type === lexer.TOKEN_COMMA) {
      const tuple = new TupleNode(first.lineno, first.colno, [first]);
      while (this.skip(lexer.TOKEN_COMMA)) {
        if (this.peekToken()?.type === lexer.TOKEN_BLOCK_END) break;
        tuple.addChild(this.parseExpression());
      }
      node.value = tuple;
    } else {
      node.value = first;
    }
    this.advanceAfterBlockEnd(tag.value);
    return node;
  }
}

const BLOCK_ENDS: Record<string, string> = {
  if: 'endif',
  for: 'endfor',
  macro: 'endmacro',
  call: 'endcall',
  set: 'endset',
  filter: 'endfilter',
  raw: 'endraw',
  test: 'endtest',
  materialization: 'endmaterialization',
  snapshot: 'endsnapshot',
  docs: 'enddocs',
  with: 'endwith',
};

/** Parse a template into nunjucks' AST (a Root node). Throws nunjucks' TemplateError with 1-based lines. */
export function parseTemplate(src: string): any {
  const tokens = tokenize(src);
  const parser = new JinjaParser(tokens);
  try {
    return parser.parseAsRoot();
  } catch (e: any) {
    if (!e || typeof e !== 'object') throw e;
    const open: any[] = e.openTags ?? [];
    const atEnd =
      /end of file|got end|expected block end|expected variable end/.test(String(e.message)) &&
      tokens.isFinished();
    const unknown = /^unknown block tag: /.test(String(e.message));
    const enclosing = (unknown ? open.slice(0, -1) : open).reverse().find((t) => t && BLOCK_ENDS[t.value]);
    if (atEnd && enclosing) {
      e.message = `unexpected end of template: the {% ${enclosing.value} %} tag at line ${enclosing.lineno + 1} is never closed (expected {% ${BLOCK_ENDS[enclosing.value]} %})`;
      Object.assign(e, { lineno: enclosing.lineno + 1, colno: enclosing.colno + 1 });
    } else if (unknown && enclosing) {
      e.message += ` (the {% ${enclosing.value} %} at line ${enclosing.lineno + 1} expects {% ${BLOCK_ENDS[enclosing.value]} %} first)`;
    } else if (e.lineno === undefined) {
      Object.assign(e, { lineno: tokens.lineno + 1, colno: tokens.colno + 1 });
    }
    throw e;
  }
}
