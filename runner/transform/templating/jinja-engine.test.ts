import { memoryLogger } from '../../common/logger';
import { JinjaCompileError, JinjaEngine } from './index';

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

  it('drops exactly one trailing newline, like Jinja', () => {
    const e = engine();
    expect(e.render('select 1\n\n')).toBe('select 1\n');
    expect(e.render('select 1\n')).toBe('select 1');
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
});
