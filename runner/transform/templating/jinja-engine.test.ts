import nunjucks from 'nunjucks';
import { memoryLogger } from '../../common/logger';
import { JinjaCompileError, JinjaEngine, splitArgs } from './index';

function engine() {
  return new JinjaEngine({ rootPackage: 'proj', logger: memoryLogger() });
}

describe('JinjaEngine.render', () => {
  it('renders Python-flavoured expressions', () => {
    const e = engine();
    expect(e.render("{{ 'a' ~ 1 }} {{ [1, 'x', None, True] }} {{ {'a': 1} }}")).toBe(
      "a1 [1, 'x', None, True] {'a': 1}",
    );
  });

  it('drops exactly one trailing newline and normalises line endings, like Jinja', () => {
    const e = engine();
    expect(e.render('select 1\n\n')).toBe('select 1\n');
    expect(e.render('select 1\n')).toBe('select 1');
    expect(e.render('select\r\n  {% if true %}1{% endif %}\r\n')).toBe('select\n  1');
    expect(() => e.render('a\r\nb\r\n{{ x( }}', {}, { path: 'w.sql' })).toThrow(
      expect.objectContaining({ line: 3 }),
    );
  });

  it('calls macros defined in macro files, with return() values and caller()', () => {
    const e = engine();
    e.addMacroFile({
      path: 'macros/m.sql',
      packageName: 'proj',
      source:
        '{% macro double(x) %}{% do return(x * 2) %}{% endmacro %}{% macro wrap() %}[{{ caller() }}]{% endmacro %}',
    });
    expect(e.render('{{ double(21) }} {% call wrap() %}in{% endcall %}')).toBe('42 [in]');
    expect(e.callMacro('double', [4])).toBe(8);
  });

  it('reports syntax errors with file, line and column', () => {
    const e = engine();
    let err: unknown;
    try {
      e.render('select\n  {{ foo( }}', {}, { path: 'models/a.sql' });
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(JinjaCompileError);
    expect((err as JinjaCompileError).path).toBe('models/a.sql');
    expect((err as JinjaCompileError).line).toBe(2);
  });

  it('engines share no state: macros, roots and caches are per engine, nunjucks is not patched', () => {
    const a = new JinjaEngine({ rootPackage: 'a', logger: memoryLogger() });
    const b = new JinjaEngine({ rootPackage: 'b', logger: memoryLogger() });
    a.addMacroFile({ path: 'm.sql', packageName: 'a', source: '{% macro who() %}a{% endmacro %}' });
    b.addMacroFile({ path: 'm.sql', packageName: 'b', source: '{% macro who() %}b{% endmacro %}' });
    expect(a.render('{{ who() }}')).toBe('a');
    expect(b.render('{{ who() }}')).toBe('b');
    expect(() => new JinjaEngine({ rootPackage: 'c', logger: memoryLogger() }).render('{{ who() }}')).toThrow(
      "'who' is undefined",
    );
    expect(nunjucks.renderString('{{ [1, 2] }}|{{ True }}', {})).toBe('1,2|');
  });

  it('re-registering a macro file replaces its macros', () => {
    const e = engine();
    e.addMacroFile({
      path: 'm.sql',
      packageName: 'proj',
      source: '{% macro v() %}1{% endmacro %}{% macro gone() %}{% endmacro %}',
    });
    expect(e.render('{{ v() }}')).toBe('1');
    e.addMacroFile({ path: 'm.sql', packageName: 'proj', source: '{% macro v() %}2{% endmacro %}' });
    expect(e.render('{{ v() }}')).toBe('2');
    expect(e.findMacro('gone')).toBeUndefined();
  });

  it('rendering is deterministic and only calls the context', () => {
    const e = engine();
    const calls: string[] = [];
    const ctx = {
      ref: (...args: unknown[]) => {
        calls.push(String(splitArgs(args).args[0]));
        return 'rel';
      },
    };
    const src =
      "{% set l = [] %}{% for m in ['a', 'b'] %}{% do l.append(ref(m)) %}{% endfor %}{{ l }} {{ ref('c') }}";
    const first = e.render(src, ctx);
    const second = e.render(src, ctx);
    expect(first).toBe("['rel', 'rel'] rel");
    expect(second).toBe(first);
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('literal lists passed to macros are fresh on every render', () => {
    const e = engine();
    e.addMacroFile({
      path: 'm.sql',
      packageName: 'proj',
      source: "{% macro add(l) %}{% do l.append('x') %}{{ l | length }}{% endmacro %}",
    });
    expect(e.render("{{ add(['a']) }}")).toBe('2');
    expect(e.render("{{ add(['a']) }}")).toBe('2');
    expect(e.render("{% if true %}{{ add(['a']) }}{% endif %}")).toBe('2');
    expect(e.render("{% if true %}{{ add(['a']) }}{% endif %}")).toBe('2');
  });

  it('a context config callable with attributes works both ways', () => {
    const e = engine();
    const seen: unknown[] = [];
    const config = Object.assign(
      (...args: unknown[]) => {
        seen.push(splitArgs(args).kwargs);
        return '';
      },
      { get: (k: string, d: unknown = null) => (k === 'materialized' ? 'table' : d) },
    );
    expect(
      e.render(
        "{{ config(materialized='table', tags=['a']) }}{{ config.get('materialized') }} {{ config.get('x', 'd') }}",
        { config },
      ),
    ).toBe('table d');
    expect(seen).toEqual([{ materialized: 'table', tags: ['a'] }]);
  });

  it('JavaScript internals are not reachable from templates', () => {
    const e = engine();
    expect(
      e.render("{{ ''.constructor }}{{ {}.constructor }}{{ [].__proto__ }}{{ x.constructor }}", {
        x: new Date(0),
      }),
    ).toBe('');
    expect(() => e.render("{{ ''.constructor.constructor('return 1')() }}")).toThrow(JinjaCompileError);
    expect(() => e.render("{{ x.constructor('return 1') }}", { x: () => 1 })).toThrow(
      "access to 'constructor' is not allowed",
    );
    expect(() => e.render('{% set ns = namespace() %}{% set ns.__proto__ = 1 %}')).toThrow(JinjaCompileError);
  });

  it('evaluate() returns the value of an expression', () => {
    const e = engine();
    const ctx = { target: { name: 'prod' }, n: 3 };
    expect(e.evaluate("target.name == 'prod'", ctx)).toBe(true);
    expect(e.evaluate('n * 2', ctx)).toBe(6);
    expect(e.evaluate("['a', n]", ctx)).toEqual(['a', 3]);
    expect(e.evaluate('none', ctx)).toBeNull();
    expect(() => e.evaluate('n +', ctx, { path: 'dbt_project.yml' })).toThrow(JinjaCompileError);
  });
});
