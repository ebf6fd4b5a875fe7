/**
 * Every row of the nunjucks-gap table (dbt-compatibility notes §6) and the Python-flavoured Jinja that
 * dbt projects use, rendered through the engine.
 */
import { memoryLogger } from '../../common/logger';
import { JinjaEngine } from './index';

const e = new JinjaEngine({ rootPackage: 'proj', logger: memoryLogger() });
const r = (src: string, ctx: Record<string, unknown> = {}) => e.render(src, ctx);

describe('constants and printing', () => {
  it('True/False/None are literals and print the Python way', () => {
    expect(r('{{ True }} {{ False }} {{ None }} {{ true }} {{ none }}')).toBe('True False None True None');
    expect(r('{% if None %}a{% else %}b{% endif %}{% if True %}c{% endif %}')).toBe('bc');
  });
  it('prints lists, dicts, nested values and strings with quotes inside containers', () => {
    expect(r("{{ [1, 2] }} {{ {'a': 1, 'b': [None, False]} }} {{ ['it\\'s'] }}")).toBe(
      `[1, 2] {'a': 1, 'b': [None, False]} ["it's"]`,
    );
    expect(r('{{ [] }} {{ {} }} {{ (1, 2) }}')).toBe('[] {} (1, 2)');
  });
  it('prints undefined as nothing and None as None', () => {
    expect(r('[{{ missing }}][{{ x }}]', { x: null })).toBe('[][None]');
  });
  it('prints objects through their own toString()', () => {
    const rel = { schema: 's', identifier: 't', toString: () => '"s"."t"' };
    expect(r('select * from {{ rel }}', { rel })).toBe('select * from "s"."t"');
  });
});

describe('statements', () => {
  it('{% do %} evaluates without output', () => {
    expect(r('{% set l = [] %}{% do l.append(1) %}{% do l.extend([2, 3]) %}{{ l }}')).toBe('[1, 2, 3]');
  });
  it('{% set %} blocks capture text', () => {
    expect(r('{% set sql %}select {{ 1 + 1 }}{% endset %}[{{ sql }}]')).toBe('[select 2]');
  });
  it('{% set x | filter %} blocks filter the captured text', () => {
    expect(r('{% set x | upper | replace("B", "b") %}abc{% endset %}[{{ x }}]')).toBe('[AbC]');
  });

  it('loop.changed()', () => {
    expect(r('{% for x in [1, 1, 2, 2, 1] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}')).toBe(
      '121',
    );
  });

  it('{% set a, b = ... %} unpacks', () => {
    expect(r('{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c, d = [3, 4] %}{{ c }}{{ d }}')).toBe('1234');
  });
  it('for loops: loop.*, else, dict items, key/value unpacking', () => {
    expect(
      r(
        '{% for x in [1, 2, 3] %}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }},{% endfor %}',
      ),
    ).toBe('1TrueFalse3,2FalseFalse3,3FalseTrue3,');
    expect(r('{% for x in [] %}x{% else %}empty{% endfor %}')).toBe('empty');
    expect(r("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}")).toBe('a=1;b=2;');
    expect(r("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}")).toBe('ab');
    expect(r('{% for x in [1, 2, 3] %}{{ loop.revindex }}{{ loop.previtem }}|{% endfor %}')).toBe('3|21|12|');
    expect(r("{% for x in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %}")).toBe('aba');
  });
  it('for ... if filters the items before loop.* is counted', () => {
    expect(
      r('{% for x in range(6) if x is odd %}{{ loop.index }}:{{ x }}{{ "," if not loop.last }}{% endfor %}'),
    ).toBe('1:1,2:3,3:5');
    expect(r("{% for k, v in {'a': 1, 'b': 2}.items() if v > 1 %}{{ k }}{% else %}none{% endfor %}")).toBe(
      'b',
    );
    expect(r('{% for x in [1] if x > 5 %}{{ x }}{% else %}none{% endfor %}')).toBe('none');
  });

  it('break and continue', () => {
    expect(
      r(
        '{% for x in range(10) %}{% if x == 3 %}{% break %}{% endif %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}',
      ),
    ).toBe('02');
  });
  it('a value set in a loop carries to later iterations but not out of the loop', () => {
    expect(
      r('{% set a = -1 %}{% for x in range(3) %}[{{ a }}:{% set a = x %}{{ a }}] {% endfor %}{{ a }}'),
    ).toBe('[-1:0] [0:1] [1:2] -1');
    expect(r('{%- for item in (1, 2) -%}[{{ item }}]{%- endfor %}{{- item -}}', { item: 42 })).toBe(
      '[1][2]42',
    );
  });

  it('set inside a loop does not leak out (Jinja scoping); namespace() does', () => {
    expect(r('{% set n = 0 %}{% for x in [1, 2] %}{% set n = n + x %}{% endfor %}{{ n }}')).toBe('0');
    expect(
      r(
        '{% set ns = namespace(count=0) %}{% for x in [1, 2, 3] %}{% set ns.count = ns.count + x %}{% endfor %}{{ ns.count }}',
      ),
    ).toBe('6');
  });
  it('{% if x in [..] %}, not in, ~ and raw', () => {
    expect(r("{% if 'b' in ['a', 'b'] %}yes{% endif %}{% if 'z' not in ['a'] %}no{% endif %}")).toBe('yesno');
    expect(r("{{ 'a' ~ None ~ 1 }}")).toBe('aNone1');
    expect(r('{% raw %}{{ not rendered }}{% endraw %}')).toBe('{{ not rendered }}');
  });
  it('whitespace control trims like Jinja, with no trim_blocks', () => {
    expect(r('a\n{% if true %}\nb\n{% endif %}\nc')).toBe('a\n\nb\n\nc');
    expect(r('a\n{%- if true -%}\nb\n{%- endif -%}\nc')).toBe('abc');
  });
  it('raw blocks honour whitespace control; with blocks scope names', () => {
    expect(r('a {%- raw -%} {{ x }} {%- endraw -%} b')).toBe('a{{ x }}b');
    expect(r('{% raw %}{% if %}{% endraw %}')).toBe('{% if %}');
    expect(r('{% set a = 0 %}{% with a = a + 1, b = 2 %}{{ a }}{{ b }}{% endwith %}{{ a }}')).toBe('120');
  });

  it('nested dict literals inside tags (}} closes braces while any is open)', () => {
    expect(r("{% set d = {'a': {'b': [1, 2]}} %}{{ d.a.b[1] }} {{ {'x': {'y': 1}} }}")).toBe(
      "2 {'x': {'y': 1}}",
    );
  });

  it('comments never render and may contain tags', () => {
    expect(r('a{# {{ boom( }} {% if %} #}b')).toBe('ab');
  });
});

describe('Python methods', () => {
  it('string methods', () => {
    expect(
      r(
        "{{ 'Ab'.upper() }} {{ 'Ab'.lower() }} {{ '  x '.strip() }}|{{ 'xxa'.lstrip('x') }}|{{ 'a  '.rstrip() }}|",
      ),
    ).toBe('AB ab x|a|a|');
    expect(
      r(
        "{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x', 'c')) }} {{ 'a,b,c'.split(',') }} {{ 'a b  c'.split() }}",
      ),
    ).toBe("True True ['a', 'b', 'c'] ['a', 'b', 'c']");
    expect(
      r(
        "{{ 'aXbXc'.replace('X', '-') }} {{ '{}-{}'.format(1, 'a') }} {{ '{x:>4}'.format(x=7) }} {{ ', '.join(['a', 'b']) }}",
      ),
    ).toBe('a-b-c 1-a    7 a, b');
    expect(
      r(
        "{{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }} {{ 'abcb'.count('b') }} {{ 'abc'.find('c') }}",
      ),
    ).toBe('Hello World Hello 2 2');
    expect(
      r("{{ 'a.b.c'.split('.', 1) }} {{ 'a.b.c'.rsplit('.', 1) }} {{ '42'.isdigit() }} {{ '7'.zfill(3) }}"),
    ).toBe("['a', 'b.c'] ['a.b', 'c'] True 007");
  });
  it('list methods', () => {
    expect(
      r(
        '{% set l = [3, 1, 2] %}{% do l.append(4) %}{% do l.insert(0, 0) %}{{ l.pop() }} {{ l.pop(0) }} {{ l.index(1) }} {{ l.count(2) }} {% do l.remove(1) %}{{ l }}',
      ),
    ).toBe('4 0 1 1 [3, 2]');
    expect(r('{% set l = [3, 1, 2] %}{% do l.sort() %}{{ l }}{% do l.reverse() %}{{ l }}')).toBe(
      '[1, 2, 3][3, 2, 1]',
    );
    expect(r('{% set l = [10, 9, 100] %}{% do l.sort() %}{{ l }}')).toBe('[9, 10, 100]');
  });
  it('dict methods', () => {
    const src =
      "{% set d = {'a': 1} %}{{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 5) }} {{ d.keys() }} {{ d.values() }} {{ d.items() }}" +
      "{% do d.update({'b': 2}) %}{% do d.update(c=3) %} {{ d }} {{ d.pop('a') }} {{ d.setdefault('e', 9) }} {{ d }}";
    expect(r(src)).toBe(
      "1 None 5 ['a'] [1] [('a', 1)] {'a': 1, 'b': 2, 'c': 3} 1 9 {'b': 2, 'c': 3, 'e': 9}",
    );
  });
  it('a dict key named like a method is reachable with [] and methods win with .', () => {
    expect(r("{% set d = {'items': 'x'} %}{{ d['items'] }} {{ d.items() }}")).toBe("x [('items', 'x')]");
  });
  it('JavaScript Maps behave as dicts', () => {
    const m = new Map<string, unknown>([
      ['a', 1],
      ['b', 2],
    ]);
    expect(
      r(
        "{{ m | list }} {{ m.get('a') }} {{ m['b'] }} {{ 'a' in m }} {% for k, v in m.items() %}{{ k }}{{ v }}{% endfor %} {{ m | length }}",
        { m },
      ),
    ).toBe("['a', 'b'] 1 2 True a1b2 2");
  });

  it('context objects keep their own methods (config.get is not dict.get)', () => {
    const config = { get: (k: string) => `cfg:${k}`, require: (k: string) => `req:${k}` };
    expect(r("{{ config.get('materialized') }} {{ config.require('x') }}", { config })).toBe(
      'cfg:materialized req:x',
    );
  });
  it('does not add Python methods to JavaScript values outside templates', () => {
    expect((String.prototype as unknown as Record<string, unknown>).upper).toBeUndefined();
    expect((Array.prototype as unknown as Record<string, unknown>).append).toBeUndefined();
  });
});

describe('operators', () => {
  it('tuples print like Python, so they can build SQL IN lists', () => {
    expect(r("where status in {{ ('a', 'b') }} and id in {{ (1,) }}")).toBe(
      "where status in ('a', 'b') and id in (1,)",
    );
    expect(r("{% set pair = ('x', 1) %}{{ '%s=%s' % pair }} {{ '%s' % [1, 2] }}")).toBe('x=1 [1, 2]');
  });

  it("'%s' % x, tuples and %d", () => {
    expect(
      r(
        "{{ '%s' % 'x' }} {{ '%s-%s' % ('a', 2) }} {{ '%d items' % 3.7 }} {{ '%05.2f' % 3.14159 }} {{ '%%' % () }}",
      ),
    ).toBe('x a-2 3 items 03.14 %');
    expect(
      r("{{ '%s' % [1, 2] }} {% set t = ('a', 'b') %}{{ '%s/%s' % t }} {{ '%(n)s!' % {'n': 'hi'} }}"),
    ).toBe('[1, 2] a/b hi!');
    expect(r('{{ 7 % 3 }} {{ -7 % 3 }}')).toBe('1 2');
  });
  it('+ concatenates lists, * repeats strings, // floors, ** powers', () => {
    expect(r("{{ [1] + [2] }} {{ '-' * 3 }} {{ 7 // 2 }} {{ 2 ** 3 }} {{ 'a' + 'b' }} {{ 1 + 2 }}")).toBe(
      '[1, 2] --- 3 8 ab 3',
    );
  });
  it('Python truthiness: empty list, dict and string are false', () => {
    expect(
      r(
        '{% if [] %}a{% endif %}{% if {} %}b{% endif %}{% if "" %}c{% endif %}{% if [0] %}d{% endif %}{% if 0 %}e{% endif %}',
      ),
    ).toBe('d');
    expect(r("{{ [] or 'default' }} {{ 'x' and 'y' }} {{ not [] }}")).toBe('default y True');
  });
  it('== compares lists and dicts by value and True == 1', () => {
    expect(
      r(
        "{{ [1, 2] == [1, 2] }} {{ {'a': 1} == {'a': 1} }} {{ True == 1 }} {{ '1' == 1 }} {{ none == none }}",
      ),
    ).toBe('True True True False True');
  });
  it('slicing [1:], [:-1], [::2], negative indexes, on lists and strings', () => {
    expect(
      r(
        '{% set l = [1, 2, 3, 4, 5] %}{{ l[1:] }} {{ l[:-1] }} {{ l[::2] }} {{ l[-1] }} {{ l[1:3] }} {{ l[::-1] }}',
      ),
    ).toBe('[2, 3, 4, 5] [1, 2, 3, 4] [1, 3, 5] 5 [2, 3] [5, 4, 3, 2, 1]');
    expect(r("{{ 'abcdef'[1:3] }} {{ 'abcdef'[-2:] }} {{ 'abc'[-1] }} {{ 'abcdef'[::2] }}")).toBe(
      'bc ef c ace',
    );
  });
  it('trailing commas in list, dict and call literals', () => {
    expect(r("{{ [1, 2,] }} {{ {'a': 1,} }} {{ range(2,) }} {{ (1,) }}")).toBe("[1, 2] {'a': 1} [0, 1] (1,)");
  });
  it('string escapes and unusual characters survive compilation', () => {
    const text = 'q"uote \\ back \u2028 sep </script> ${x} `tick`';
    expect(r(`{% if true %}${text}{% endif %}`)).toBe(text);
    expect(r("{{ 'a\\'b\\\\c\\n\\td\\x41\\u00e9\\d' }}")).toBe("a'b\\c\n\tdAé\\d");
  });

  it('adjacent string literals concatenate', () => {
    expect(r("{{ 'a' 'b' \"c\" }} {{ ('x'\n 'y').upper() }}")).toBe('abc XY');
  });

  it('dict keys are expressions', () => {
    expect(r("{% set k = 'x' %}{{ {k: 1, 'lit': 2} }}")).toBe("{'x': 1, 'lit': 2}");
  });
});

describe('tests (is ...)', () => {
  it('none, string, mapping, iterable, number, defined and friends', () => {
    const src =
      "{{ none is none }} {{ 'a' is string }} {{ {} is mapping }} {{ [] is mapping }} {{ [] is iterable }} {{ 3 is number }}" +
      ' {{ x is defined }} {{ y is defined }} {{ y is not defined }} {{ 4 is divisibleby 2 }} {{ 3 is odd }} {{ 1 is sameas 1 }}';
    expect(r(src, { x: 1 })).toBe('True True True False True True True False True True True True');
    expect(
      r(
        "{{ 'a' is in ['a'] }} {{ 2 is gt 1 }} {{ true is boolean }} {{ 1.5 is float }} {{ 1 is integer }} {{ true is true }}",
      ),
    ).toBe('True True True True True True');
  });
});

describe('macros with varargs, kwargs and caller', () => {
  it('collects extra positional and keyword arguments', () => {
    expect(r("{% macro m(a) %}{{ a }}|{{ varargs }}|{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k='v') }}")).toBe(
      "1|[2, 3]|{'k': 'v'}",
    );
  });
  it('keyword arguments bind by name and defaults apply', () => {
    expect(r('{% macro m(a, b=2, c=none) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(c=3, a=1) }}')).toBe(
      '123',
    );
  });
  it('a missing parameter is undefined even when the context has that name', () => {
    expect(r('{% macro m(model) %}[{{ model }}]{% endmacro %}{{ m() }}', { model: 'ctx' })).toBe('[]');
  });
  it('*args and **kwargs in calls', () => {
    const src =
      '{% macro m(a, b, c=0) %}{{ a }}{{ b }}{{ c }}{{ kwargs }}{% endmacro %}' +
      "{% set args = [1, 2] %}{% set kw = {'c': 3, 'd': 4} %}{{ m(*args) }} {{ m(*args, **kw) }} {{ m(1, *[2], **{'c': 5}) }}";
    expect(r(src)).toBe("120{} 123{'d': 4} 125{}");
    expect(
      r(
        '{% macro fwd() %}{{ inner(*varargs, **kwargs) }}{% endmacro %}{% macro inner(x, y=1) %}{{ x }}-{{ y }}{% endmacro %}{{ fwd(7, y=8) }}',
      ),
    ).toBe('7-8');
  });

  it('return() from loops, conditions, set blocks and with blocks ends the macro with that value', () => {
    const src =
      '{% macro first_big(xs) %}{% for x in xs %}{% if x > 2 %}{{ return(x) }}{% endif %}{% endfor %}{{ return(none) }}{% endmacro %}' +
      '{% macro from_set() %}{% set s %}a{% do return("set") %}b{% endset %}unreached{% endmacro %}' +
      '{% macro from_with() %}{% with y = 5 %}{% do return(y * 2) %}{% endwith %}{% endmacro %}' +
      '{{ first_big([1, 3, 5]) }} {{ first_big([1]) }} {{ from_set() }} {{ from_with() }}';
    expect(r(src)).toBe('3 None set 10');
  });

  it('caller() with arguments', () => {
    expect(
      r(
        '{% macro each(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(x) each([1, 2]) %}<{{ x }}>{% endcall %}',
      ),
    ).toBe('<1><2>');
  });
});

describe('globals', () => {
  it('range, dict, zip, set, tojson, fromjson', () => {
    expect(
      r(
        "{{ range(3) }} {{ range(1, 7, 2) }} {{ dict(a=1) }} {{ zip([1, 2], ['a', 'b']) }} {{ set([1, 1, 2]) | length }}",
      ),
    ).toBe("[0, 1, 2] [1, 3, 5] {'a': 1} [(1, 'a'), (2, 'b')] 2");
    expect(
      r(
        "{{ tojson({'a': [1, None, True], 'é': 'x'}) }} {{ fromjson('{\"k\": [1, 2]}')['k'][1] }} {{ fromjson('nope', 'd') }}",
      ),
    ).toBe('{"a": [1, null, true], "\\u00e9": "x"} 2 d');
  });
  it('toyaml and fromyaml', () => {
    expect(r("{{ fromyaml('a: [1, 2]')['a'][0] }}|{{ toyaml({'a': 1}) }}")).toBe('1|a: 1\n');
  });
  it('log(msg, info=True) goes to the logger passed in', () => {
    const logger = memoryLogger();
    const eng = new JinjaEngine({ rootPackage: 'p', logger });
    expect(
      eng.render("{{ log('hello', info=True) }}{{ log('quiet') }}{% do exceptions.warn('careful') %}"),
    ).toBe('');
    expect(logger.lines).toEqual(['hello', 'DEBUG quiet', 'WARN careful']);
  });
  it('local_md5', () => {
    expect(r("{{ local_md5('abc') }}")).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});
