/**
 * nunjucks' code generator, extended so the emitted JavaScript follows Jinja/Python semantics: every name,
 * attribute, call, operator, test, filter and output goes through the engine's runtime (`env.lf`, held in
 * the local `lf` of each template function), which
 * implements Python truthiness, `%` formatting, list/dict/str methods, Python printing, macro resolution
 * across packages and `return()`. Errors are caught where they happen so they carry that file's line.
 */
import nunjucks from 'nunjucks';
import { nodes } from './jinja-nodes';

const BaseCompiler: any = (nunjucks as any).compiler.Compiler;
const Frame: any = (nunjucks as any).runtime.Frame;

const q = (s: string): string => JSON.stringify(s);

/** The node where an expression starts (`a` in `a.b.c(...)`). */
function leftmost(node: any): any {
  let n = node;
  while (n instanceof nodes.LookupVal || n instanceof nodes.FunCall || n?.typename === 'LfSlice') {
    n = n instanceof nodes.FunCall ? n.name : n.target;
  }
  return n ?? node;
}

/** How a callee is named in error messages: `ref`, `adapter.dispatch`, `x[0]`. */
function nodeName(node: any): string {
  if (node instanceof nodes.Symbol) return node.value;
  if (node instanceof nodes.LookupVal) {
    const target = nodeName(node.target);
    if (node.val instanceof nodes.Literal) {
      return node.attr ? `${target}.${node.val.value}` : `${target}[${JSON.stringify(node.val.value)}]`;
    }
    return `${target}[...]`;
  }
  if (node instanceof nodes.FunCall) return `${nodeName(node.name)}(...)`;
  if (node instanceof nodes.Literal) return JSON.stringify(node.value);
  return 'expression';
}

export interface CompileTarget {
  /** File path compiled into error locations (macro files); null: the path of the current render. */
  path: string | null;
  /** Package whose macros bare names resolve to; null: the package of the current render. */
  packageName: string | null;
  /** Macro files: top-level macros are also exported through `context.setVariable`. */
  exportMacros: boolean;
}

export class JinjaCompiler extends BaseCompiler {
  [k: string]: any;

  constructor(...args: any[]) {
    super(...args);
  }

  setTarget(target: CompileTarget): void {
    this.lfPath = target.path === null ? 'null' : q(target.path);
    this.lfPkg = target.packageName === null ? 'null' : q(target.packageName);
    this.lfExport = target.exportMacros;
  }

  _emitFuncBegin(node: any, name: string): void {
    this.buffer = 'output';
    this._scopeClosers = '';
    // Parenthesised so V8 compiles it eagerly with the template instead of re-parsing it on first call.
    this._emitLine(`var ${name} = (function ${name}(env, context, frame, runtime, cb) {`);
    this._emitLine(`var lineno = ${node.lineno}; var colno = ${node.colno}; var s_; var lf = env.lf;`);
    this._emitLine(`var ${this.buffer} = "";`);
    this._emitLine('try {');
  }

  _emitFuncEnd(noReturn?: boolean): void {
    if (!noReturn) this._emitLine(`cb(null, ${this.buffer});`);
    this._closeScopeLevels();
    this._emitLine('} catch (e) {');
    this._emitLine(`  cb(lf.fail(e, lineno, colno, ${this.lfPath}));`);
    this._emitLine('}');
    this._emitLine('});');
    this.buffer = null;
  }

  _compileExpression(node: any, frame: any): void {
    this.compile(node, frame);
  }

  private emitPos(node: any): void {
    this._emit(`lineno = ${node.lineno}; colno = ${node.colno};\n`);
  }

  compileSymbol(node: any): void {
    this._emit(`lf.lookup(frame, ${q(node.value)}, ${this.lfPkg})`);
  }

  compileLookupVal(node: any, frame: any): void {
    this._emit(node.attr ? 'lf.attr(' : 'lf.item(');
    this.compile(node.target, frame);
    this._emit(', ');
    this.compile(node.val, frame);
    this._emit(')');
  }

  compileLiteral(node: any, _frame?: any): void {
    const v = node.value;
    if (typeof v === 'string')
      this._emit(
        JSON.stringify(v)
          .replace(/\u2028/g, '\\u2028')
          .replace(/\u2029/g, '\\u2029'),
      );
    else if (v === null) this._emit('null');
    else if (v === undefined) this._emit('undefined');
    else this._emit(String(v));
  }

  compileLfSlice(node: any, frame: any): void {
    this._emit('lf.slice(');
    this.compile(node.target, frame);
    for (const part of [node.start, node.stop, node.step]) {
      this._emit(', ');
      if (part) this.compile(part, frame);
      else this._emit('null');
    }
    this._emit(')');
  }

  compileFunCall(node: any, frame: any): void {
    // The position is set again after the arguments are evaluated (they may contain calls), so an error
    // raised by this call reports where its callee starts.
    const start = leftmost(node.name);
    const pos = `lineno = ${start.lineno}, colno = ${start.colno}`;
    this._emit(`(${pos}, `);
    const callee = node.name;
    const label = q(nodeName(callee));
    if (callee instanceof nodes.LookupVal && callee.attr && callee.val instanceof nodes.Literal) {
      this._emit('lf.callMethod(');
      this.compile(callee.target, frame);
      this._emit(`, ${q(String(callee.val.value))}, ${label}, `);
    } else {
      this._emit('lf.call(');
      this.compile(callee, frame);
      this._emit(`, ${label}, `);
    }
    this.compileCallArgs(node.args, frame);
    this._emit(`, (${pos}, undefined)))`);
  }

  /** The argument array of a call; `*args` / `**kwargs` are merged at run time. */
  compileCallArgs(args: any, frame: any): void {
    const children: any[] = args.children;
    const stars = children.filter((c) => c.typename === 'LfStarArgs' || c.typename === 'LfStarKwargs');
    if (!stars.length) {
      this._compileAggregate(args, frame, '[', ']');
      return;
    }
    const positional = children.filter((c) => !stars.includes(c) && !(c instanceof nodes.KeywordArgs));
    const keywords = children.find((c) => c instanceof nodes.KeywordArgs);
    this._emit('lf.buildArgs([');
    positional.forEach((c, i) => {
      if (i) this._emit(', ');
      this.compile(c, frame);
    });
    this._emit('], [');
    stars
      .filter((c) => c.typename === 'LfStarArgs')
      .forEach((c, i) => {
        if (i) this._emit(', ');
        this.compile(c.expr, frame);
      });
    this._emit('], ');
    if (keywords) this.compile(keywords, frame);
    else this._emit('null');
    this._emit(', [');
    stars
      .filter((c) => c.typename === 'LfStarKwargs')
      .forEach((c, i) => {
        if (i) this._emit(', ');
        this.compile(c.expr, frame);
      });
    this._emit('])');
  }

  compileKeywordArgs(node: any, frame: any): void {
    this._emit('lf.kwargs({');
    node.children.forEach((pair: any, i: number) => {
      if (i > 0) this._emit(', ');
      const key = pair.key;
      if (!(key instanceof nodes.Symbol))
        this.fail('keyword argument names must be names', key.lineno, key.colno);
      this._emit(`${q(key.value)}: `);
      this.compile(pair.value, frame);
    });
    this._emit('})');
  }

  compileDict(node: any, frame: any): void {
    this._emit('{');
    node.children.forEach((pair: any, i: number) => {
      if (i > 0) this._emit(', ');
      const key = pair.key;
      if (key instanceof nodes.Literal && typeof key.value === 'string') {
        this._emit(q(key.value));
      } else {
        this._emit('[lf.key(');
        this.compile(key, frame);
        this._emit(')]');
      }
      this._emit(': ');
      this.compile(pair.value, frame);
    });
    this._emit('}');
  }

  compileLfTuple(node: any, frame: any): void {
    this._emit('lf.tuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  compileFilter(node: any, frame: any): void {
    this._emit(
      `(lineno = ${node.lineno}, colno = ${node.colno}, lf.filter(${q(node.name.value)}).call(context, `,
    );
    this._compileAggregate(node.args, frame);
    this._emit('))');
  }

  compileIs(node: any, frame: any): void {
    const right = node.right;
    let name: string;
    let args: any = null;
    if (right instanceof nodes.FunCall) {
      name = right.name.value;
      args = right.args;
    } else if (right instanceof nodes.Literal) {
      name = String(right.value);
    } else {
      name = right.value;
    }
    this._emit(`(lf.test(${q(String(name))}).call(context, `);
    this.compile(node.left, frame);
    if (args && args.children.length) {
      this._emit(', ');
      this._compileAggregate(args, frame);
    }
    this._emit(') === true)');
  }

  compileIn(node: any, frame: any): void {
    this._emit('lf.contains(');
    this.compile(node.right, frame);
    this._emit(', ');
    this.compile(node.left, frame);
    this._emit(')');
  }

  compileOr(node: any, frame: any): void {
    this._emit('(lf.truthy(s_ = ');
    this.compile(node.left, frame);
    this._emit(') ? s_ : ');
    this.compile(node.right, frame);
    this._emit(')');
  }

  compileAnd(node: any, frame: any): void {
    this._emit('(lf.truthy(s_ = ');
    this.compile(node.left, frame);
    this._emit(') ? ');
    this.compile(node.right, frame);
    this._emit(' : s_)');
  }

  compileNot(node: any, frame: any): void {
    this._emit('!lf.truthy(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  private binary(fn: string, node: any, frame: any): void {
    this._emit(`lf.${fn}(`);
    this.compile(node.left, frame);
    this._emit(', ');
    this.compile(node.right, frame);
    this._emit(')');
  }

  compileAdd(node: any, frame: any): void {
    this.binary('add', node, frame);
  }
  compileSub(node: any, frame: any): void {
    this.binary('sub', node, frame);
  }
  compileMul(node: any, frame: any): void {
    this.binary('mul', node, frame);
  }
  compileDiv(node: any, frame: any): void {
    this.binary('div', node, frame);
  }
  compileFloorDiv(node: any, frame: any): void {
    this.binary('floordiv', node, frame);
  }
  compilePow(node: any, frame: any): void {
    this.binary('pow', node, frame);
  }
  compileMod(node: any, frame: any): void {
    // A literal tuple on the right spreads into the format arguments; anything else is one argument
    // unless it is a list and the format has several conversions (a tuple held in a variable).
    this._emit('lf.mod(');
    this.compile(node.left, frame);
    this._emit(', ');
    this.compile(node.right, frame);
    this._emit(node.right.typename === 'LfTuple' ? ', true)' : ', false)');
  }
  compileConcat(node: any, frame: any): void {
    this._emit('(lf.str(');
    this.compile(node.left, frame);
    this._emit(') + lf.str(');
    this.compile(node.right, frame);
    this._emit('))');
  }
  compileNeg(node: any, frame: any): void {
    this._emit('lf.neg(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compileCompare(node: any, frame: any): void {
    const ops: any[] = node.ops;
    const emitOp = (op: string, left: any, right: any) => {
      const fn = {
        '==': 'eq',
        '===': 'eq',
        '!=': 'ne',
        '!==': 'ne',
        '<': 'lt',
        '>': 'gt',
        '<=': 'le',
        '>=': 'ge',
      }[op];
      if (!fn) this.fail(`unknown comparison ${op}`, node.lineno, node.colno);
      this._emit(`lf.${fn}(`);
      this.compile(left, frame);
      this._emit(', ');
      this.compile(right, frame);
      this._emit(')');
    };
    this._emit('(');
    let left = node.expr;
    ops.forEach((op, i) => {
      if (i > 0) this._emit(' && ');
      emitOp(op.type, left, op.expr);
      left = op.expr;
    });
    this._emit(')');
  }

  compileInlineIf(node: any, frame: any): void {
    this._emit('(lf.truthy(');
    this.compile(node.cond, frame);
    this._emit(') ? ');
    this.compile(node.body, frame);
    this._emit(' : ');
    if (node.else_ !== null && node.else_ !== undefined) this.compile(node.else_, frame);
    else this._emit('undefined');
    this._emit(')');
  }

  compileIf(node: any, frame: any): void {
    this.emitPos(node);
    this._emit('if (lf.truthy(');
    this.compile(node.cond, frame);
    this._emitLine(')) {');
    this._withScopedSyntax(() => this.compile(node.body, frame));
    if (node.else_) {
      this._emitLine('} else {');
      this._withScopedSyntax(() => this.compile(node.else_, frame));
    }
    this._emitLine('}');
  }

  compileOutput(node: any, frame: any): void {
    for (const child of node.children) {
      if (child instanceof nodes.TemplateData) {
        if (child.value) {
          this._emit(`${this.buffer} += `);
          this.compileLiteral(child, frame);
          this._emitLine(';');
        }
      } else if (this.compileDirectReturn(child, frame)) {
        continue;
      } else {
        // Calls and filters record their own position; other expressions record theirs here.
        const pos =
          child instanceof nodes.FunCall ? '' : `lineno = ${child.lineno}; colno = ${child.colno}; `;
        this._emit(`${pos}${this.buffer} += lf.str(`);
        this.compile(child, frame);
        this._emitLine(');');
      }
    }
  }

  compileLfDo(node: any, frame: any): void {
    this.emitPos(node);
    if (this.compileDirectReturn(node.expr, frame)) return;
    this._emit('void (');
    this.compile(node.expr, frame);
    this._emitLine(');');
  }

  compileLfBreak(node: any): void {
    if (!this.lfLoops) this.fail("'break' outside of a loop", node.lineno, node.colno);
    this._emitLine('break;');
  }

  compileLfContinue(node: any): void {
    if (!this.lfLoops) this.fail("'continue' outside of a loop", node.lineno, node.colno);
    this._emitLine('continue;');
  }

  /**
   * Compile a nested function body (macro, caller, set block): loops outside it cannot be broken from it.
   * `macroBody`: code directly in a macro's body, where `return(x)` can be a plain JavaScript return.
   */
  private inNewFunction(fn: () => void, macroBody = false): void {
    const loops = this.lfLoops;
    const direct = this.lfDirectReturn;
    this.lfLoops = 0;
    this.lfDirectReturn = macroBody;
    try {
      fn();
    } finally {
      this.lfLoops = loops;
      this.lfDirectReturn = direct;
    }
  }

  compileCapture(node: any, frame: any): void {
    this.inNewFunction(() => super.compileCapture(node, frame));
  }

  /** `return(x)` directly in a macro body: return from the compiled function instead of throwing. */
  private compileDirectReturn(expr: any, frame: any): boolean {
    if (!this.lfDirectReturn) return false;
    if (
      !(expr instanceof nodes.FunCall) ||
      !(expr.name instanceof nodes.Symbol) ||
      expr.name.value !== 'return'
    ) {
      return false;
    }
    this._emit(`lineno = ${expr.name.lineno}; colno = ${expr.name.colno}; return lf.returned(`);
    this.compileCallArgs(expr.args, frame);
    this._emitLine(');');
    return true;
  }

  compileLfWith(node: any, frame: any): void {
    this.emitPos(node);
    const values: string[] = [];
    for (const pair of node.assignments.children) {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this.compile(pair.value, frame);
      this._emitLine(';');
      values.push(`frame.set(${q(pair.key.value)}, ${id});`);
    }
    this._emitLine('frame = frame.push();');
    for (const v of values) this._emitLine(v);
    this.compile(node.body, frame);
    this._emitLine('frame = frame.pop();');
  }

  compileLfSnapshot(node: any, frame: any): void {
    this.compile(node.body, frame);
  }

  compileSet(node: any, frame: any): void {
    this.emitPos(node);
    const emitValue = () => {
      if (node.value) this.compile(node.value, frame);
      else this.compile(node.body, frame);
    };
    const targets: any[] = node.targets;
    if (targets.length === 1 && targets[0] instanceof nodes.LookupVal) {
      const t = targets[0];
      this._emit('lf.setattr(');
      this.compile(t.target, frame);
      this._emit(', ');
      this.compile(t.val, frame);
      this._emit(', ');
      emitValue();
      this._emitLine(');');
      return;
    }
    for (const t of targets) {
      if (!(t instanceof nodes.Symbol)) this.fail('can only unpack into names', t.lineno, t.colno);
    }
    if (targets.length === 1) {
      this._emit(`frame.set(${q(targets[0].value)}, `);
      emitValue();
      this._emitLine(');');
      return;
    }
    this._emit(`lf.unpack(frame, ${JSON.stringify(targets.map((t) => t.value))}, `);
    emitValue();
    this._emitLine(');');
  }

  compileFor(node: any, frame: any): void {
    const i = this._tmpid();
    const len = this._tmpid();
    const arr = this._tmpid();
    const names: string[] =
      node.name instanceof nodes.Array ? node.name.children.map((c: any) => c.value) : [node.name.value];
    // `{% for x in xs if cond %}`: nunjucks parses `xs if cond` as an inline if without else.
    let source = node.arr;
    let filter: any = null;
    if (source instanceof nodes.InlineIf && (source.else_ === null || source.else_ === undefined)) {
      filter = source.cond;
      source = source.body;
    }
    const bind = (value: string) =>
      names.length === 1
        ? `frame.set(${q(names[0])}, ${value});`
        : `lf.unpack(frame, ${JSON.stringify(names)}, ${value});`;
    this.emitPos(node);
    this._emitLine('frame = frame.push();');
    this._emit(`var ${arr} = lf.iter(`);
    this.compile(source, frame);
    this._emitLine(`, ${names.length});`);
    if (filter) {
      const item = this._tmpid();
      this._emit(`${arr} = ${arr}.filter(function (${item}) { ${bind(item)} return lf.truthy(`);
      this.compile(filter, frame);
      this._emitLine('); });');
    }
    this._emitLine(`var ${len} = ${arr}.length;`);
    const loopState = this._tmpid();
    this._emitLine(`var ${loopState} = {};`);
    this._emitLine(`for (var ${i} = 0; ${i} < ${len}; ${i}++) {`);
    this._emitLine(bind(`${arr}[${i}]`));
    this._emitLine(`frame.set("loop", lf.loop(${arr}, ${i}, ${loopState}));`);
    this.lfLoops = (this.lfLoops ?? 0) + 1;
    this._withScopedSyntax(() => this.compile(node.body, frame));
    this.lfLoops--;
    this._emitLine('}');
    if (node.else_) {
      this._emitLine(`if (!${len}) {`);
      this.compile(node.else_, frame);
      this._emitLine('}');
    }
    this._emitLine('frame = frame.pop();');
  }

  _compileMacro(node: any, frame?: any): string {
    const isCaller = frame !== undefined;
    const params: string[] = [];
    const defaults: any[] = [];
    node.args.children.forEach((arg: any, i: number) => {
      if (i === node.args.children.length - 1 && arg instanceof nodes.Dict) {
        for (const pair of arg.children) {
          params.push(pair.key.value);
          defaults.push(pair);
        }
      } else {
        if (!(arg instanceof nodes.Symbol))
          this.fail('macro parameters must be names', arg.lineno, arg.colno);
        params.push(arg.value);
      }
    });
    const funcId = 'macro_' + this._tmpid();
    const name = isCaller ? 'caller' : node.name.value;
    this._emitLine(
      `var ${funcId} = lf.macro(${q(name)}, ${JSON.stringify(params)}, ${this.lfPkg}, frame, ${isCaller}, function (frame) {`,
    );
    this._emitLine(`var lineno = ${node.lineno}; var colno = ${node.colno}; var s_;`);
    this._emitLine('try {');
    const bodyFrame = new Frame();
    for (const pair of defaults) {
      this._emit(`if (frame.variables[${q(pair.key.value)}] === undefined) frame.set(${q(pair.key.value)}, `);
      this.compile(pair.value, bodyFrame);
      this._emitLine(');');
    }
    const bufferId = this._pushBuffer();
    this.inNewFunction(() => this._withScopedSyntax(() => this.compile(node.body, bodyFrame)), !isCaller);
    this._emitLine(`return ${bufferId};`);
    this._popBuffer();
    this._emitLine(`} catch (e) { throw lf.fail(e, lineno, colno, ${this.lfPath}); }`);
    this._emitLine('});');
    return funcId;
  }

  compileMacro(node: any): void {
    const funcId = this._compileMacro(node);
    const name = q(node.name.value);
    this._emitLine(`frame.set(${name}, ${funcId});`);
    if (this.lfExport) this._emitLine(`context.setVariable(${name}, ${funcId});`);
  }

  compileCaller(node: any, frame: any): void {
    this._emit('(function () {');
    const funcId = this._compileMacro(node, frame);
    this._emit(`return ${funcId}; })()`);
  }

  compileRoot(node: any, frame: any): void {
    if (frame) this.fail("compileRoot: root node can't have frame");
    this._emitFuncBegin(node, 'root');
    this._compileChildren(node, new Frame());
    this._emitLine(`cb(null, ${this.buffer});`);
    this._emitFuncEnd(true);
    this._emitLine('return { root: root };');
  }
}

/** Generate the JavaScript of one parsed template (the body of a function returning `{ root }`). */
export function generateCode(ast: any, target: CompileTarget): string {
  const c = new JinjaCompiler(target.path ?? undefined, false);
  c.setTarget(target);
  c.compile(ast);
  return c.getCode();
}
