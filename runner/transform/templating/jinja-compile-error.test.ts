import { LearnflowError } from '../../common/errors';
import { memoryLogger } from '../../common/logger';
import { JinjaCompileError, JinjaEngine } from './index';

function engine() {
  return new JinjaEngine({ rootPackage: 'proj', logger: memoryLogger() });
}

function compileError(fn: () => unknown): JinjaCompileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JinjaCompileError) return e;
    throw e;
  }
  throw new Error('expected a JinjaCompileError');
}

describe('syntax errors name file, line and column', () => {
  it.each([
    ['select\n  {{ foo(1, }}', 2, 13, 'unexpected token: }'],
    ['a\n  {% foo %}', 2, 6, 'unknown block tag: foo'],
    [
      'select 1\n{% if x %}\nfoo',
      2,
      4,
      'unexpected end of template: the {% if %} tag at line 2 is never closed (expected {% endif %})',
    ],
    [
      '{% for x in xs %}\n{% if x %}\n{% endfor %}',
      3,
      4,
      'unknown block tag: endfor (the {% if %} at line 2 expects {% endif %} first)',
    ],
    ['{{ 1 +* 2 }}', 1, 7, 'unexpected token: *'],
    ['{% set x = 1 %}\n{% if x %}{% break %}{% endif %}', 2, 14, "'break' outside of a loop"],
    [
      '{% include "x.sql" %}',
      1,
      4,
      'the {% include %} tag is not available in dbt projects; use macros instead',
    ],
  ])('%j', (src, line, column, message) => {
    const err = compileError(() => engine().render(src, {}, { path: 'models/m.sql' }));
    expect(err).toBeInstanceOf(LearnflowError);
    expect([err.path, err.line, err.column, err.message]).toEqual(['models/m.sql', line, column, message]);
    expect(err.where).toBe(`models/m.sql:${line}:${column}`);
  });

  it('macro files are checked when registered', () => {
    const err = compileError(() =>
      engine().addMacroFile({
        path: 'macros/bad.sql',
        packageName: 'proj',
        source: '{% macro a() %}\n{{ x + }}\n{% endmacro %}',
      }),
    );
    expect([err.path, err.line]).toEqual(['macros/bad.sql', 2]);
  });

  it('a template that failed to compile is not cached as valid', () => {
    const e = engine();
    expect(() => e.render('{{ (', {}, { path: 'a.sql' })).toThrow(JinjaCompileError);
    expect(() => e.render('{{ (', {}, { path: 'b.sql' })).toThrow(expect.objectContaining({ path: 'b.sql' }));
  });
});

describe('run-time errors', () => {
  it('calling an undefined name', () => {
    const err = compileError(() =>
      engine().render('select\n  {{ not_a_macro(1) }}', {}, { path: 'models/m.sql' }),
    );
    expect(err.message).toBe(
      "'not_a_macro' is undefined. This can happen when calling a macro that does not exist.",
    );
    expect([err.line, err.column]).toEqual([2, 6]);
  });

  it('attribute errors follow Python', () => {
    expect(() => engine().render('{{ none.upper() }}')).toThrow("'NoneType' object has no attribute 'upper'");
    expect(() => engine().render("{{ 'a'.nope() }}")).toThrow("'str' object has no attribute 'nope'");
    expect(() => engine().render('{{ missing.method() }}')).toThrow("'missing' is undefined");
  });

  it('raise_compiler_error in a nested macro names the macro file and the call chain', () => {
    const e = engine();
    e.addMacroFile({
      path: 'macros/check.sql',
      packageName: 'proj',
      source: `{% macro inner(x) %}
  {%- if x < 0 -%}
    {{ exceptions.raise_compiler_error("negative: " ~ x) }}
  {%- endif -%}
{% endmacro %}
{% macro outer(x) %}{{ inner(x) }}{% endmacro %}`,
    });
    const err = compileError(() => e.render('select\n{{ outer(-1) }}', {}, { path: 'models/m.sql' }));
    expect(err.message).toBe('negative: -1');
    expect([err.path, err.line, err.column]).toEqual(['macros/check.sql', 3, 8]);
    expect(err.calledFrom).toEqual(['macros/check.sql:6:24', 'models/m.sql:2:4']);
    expect(err.describe()).toBe(
      'macros/check.sql:3:8: negative: -1\n  called from macros/check.sql:6:24\n  called from models/m.sql:2:4',
    );
  });

  it('Python operation failures are compile errors at the expression', () => {
    const err = compileError(() => engine().render("x\n{{ '%d' % 'abc' }}", {}, { path: 'm.sql' }));
    expect([err.line, err.column, err.message]).toEqual([
      2,
      4,
      '%d format: a number is required, not string',
    ]);
    expect(() => engine().render('{{ 1 / 0 }}')).toThrow('division by zero');
    expect(() => engine().render('{% set a, b = [1] %}')).toThrow(
      'not enough values to unpack (expected 2, got 1)',
    );
    expect(() => engine().render('{{ [1] | nofilter }}')).toThrow("no filter named 'nofilter'");
  });

  it('return() outside a macro is an error', () => {
    expect(() => engine().render('{{ return(1) }}')).toThrow('return() was called outside of a macro');
  });

  it('runaway recursion stops with an error', () => {
    const e = engine();
    e.addMacroFile({
      path: 'm.sql',
      packageName: 'proj',
      source: '{% macro loop_forever(n) %}{{ loop_forever(n + 1) }}{% endmacro %}',
    });
    expect(() => e.render('{{ loop_forever(0) }}')).toThrow(
      "maximum recursion depth exceeded in macro 'loop_forever'",
    );
  });

  it('callMacro on an unknown macro', () => {
    expect(() => engine().callMacro('nope')).toThrow("macro 'nope' is not defined");
  });

  it('a context function returning a Promise is reported, not printed', () => {
    expect(() => engine().render('{{ run_query("x") }}', { run_query: async () => 1 })).toThrow(
      "'run_query' returned a Promise, but rendering is synchronous",
    );
  });

  it('engine errors are not wrapped, whatever their class', () => {
    const e = engine();
    const plain = new TypeError('engine bug');
    const lf = new LearnflowError('typed', { hint: 'h' });
    expect(() =>
      e.render('{{ f() }}', {
        f: () => {
          throw plain;
        },
      }),
    ).toThrow(plain);
    let caught: unknown;
    try {
      e.render(
        'a\n {{ obj.method() }}',
        {
          obj: {
            method: () => {
              throw lf;
            },
          },
        },
        { path: 'x.sql' },
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(lf);
    expect(e.errorLocation(lf)).toEqual({ path: 'x.sql', line: 2, column: 5 });
  });
});
