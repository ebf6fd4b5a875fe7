import { memoryLogger } from '../../common/logger';
import { JinjaEngine } from './index';

const e = new JinjaEngine({ rootPackage: 'proj', logger: memoryLogger() });
const r = (src: string, ctx: Record<string, unknown> = {}) => e.render(src, ctx);

const cols = [
  { name: 'id', type: 'int', nullable: false },
  { name: 'Name', type: 'text', nullable: true },
  { name: 'amount', type: 'numeric', nullable: true },
];

describe('filters', () => {
  it.each([
    ["{{ {'b': 1, 'a': [1, None, 'x<']} | tojson }}", '{"a": [1, null, "x\\u003c"], "b": 1}'],
    ["{{ {'a': 1} | tojson(indent=2) }}", '{\n  "a": 1\n}'],
    ["{{ cols | map(attribute='name') | join(', ') }}", 'id, Name, amount'],
    ["{{ cols | map(attribute='missing', default='?') | list }}", "['?', '?', '?']"],
    ["{{ ['A', 'b'] | map('lower') | list }}", "['a', 'b']"],
    ["{{ ['a', 'b'] | map('replace', 'a', 'z') | list }}", "['z', 'b']"],
    ["{{ ['a', 'A', 'b', 'a'] | unique | list }}", "['a', 'b']"],
    ["{{ ['a', 'A'] | unique(case_sensitive=True) | list }}", "['a', 'A']"],
    ["{{ 'ab' | list }} {{ {'k': 1} | list }}", "['a', 'b'] ['k']"],
    ['{{ 12 | string }}{{ None | string }}', '12None'],
    ["{{ 'Ab' | lower }} {{ 'Ab' | upper }} [{{ '  x ' | trim }}] {{ 'xxyxx' | trim('x') }}", 'ab AB [x] y'],
    ["{{ 'a-b-c' | replace('-', '+') }} {{ 'a-b-c' | replace('-', '+', 1) }}", 'a+b+c a+b-c'],
    [
      "{{ [1, 2] | join }} {{ [1, 2] | join('|') }} {{ cols | join(',', attribute='type') }}",
      '12 1|2 int,text,numeric',
    ],
    [
      "{{ missing | default('d') }} {{ '' | default('d') }} {{ '' | default('d', true) }} {{ none | d('x') }}",
      'd  d None',
    ],
    ["{{ [1, 2, 3] | length }} {{ 'abc' | length }} {{ {'a': 1} | count }}", '3 3 1'],
    [
      "{{ '42' | int }} {{ '4.7' | int }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 'ff' | int(base=16) }} {{ 3.9 | int }}",
      '42 4 0 7 255 3',
    ],
    ["{{ '1.5' | float }} {{ 'x' | float }} {{ 2 | float }}", '1.5 0 2'],
    [
      "{{ [3, 1, 2] | sort }} {{ [3, 1, 2] | sort(reverse=true) }} {{ ['b', 'A', 'c'] | sort }}",
      "[1, 2, 3] [3, 2, 1] ['A', 'b', 'c']",
    ],
    ["{{ cols | sort(attribute='name') | map(attribute='name') | list }}", "['amount', 'id', 'Name']"],
    ["{{ cols | selectattr('nullable') | map(attribute='name') | list }}", "['Name', 'amount']"],
    ["{{ cols | rejectattr('nullable') | map(attribute='name') | list }}", "['id']"],
    ["{{ cols | selectattr('type', 'equalto', 'text') | map(attribute='name') | first }}", 'Name'],
    ["{{ cols | selectattr('type', 'in', ['int', 'numeric']) | list | length }}", '2'],
    [
      '{{ [1, 2, 3, 4] | select("odd") | list }} {{ [1, 2, 3, 4] | reject("odd") | list }} {{ [0, 1, None] | select | list }}',
      '[1, 3] [2, 4] [1]',
    ],
    ["{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ 'abc' | first }}", '1 3 a'],
    [
      "{{ {'b': 2, 'a': 1} | dictsort }} {{ {'b': 1, 'a': 2} | dictsort(by='value') }}",
      "[('a', 1), ('b', 2)] [('b', 1), ('a', 2)]",
    ],
    ["{{ 'a\\nb\\n\\nc' | indent(2) }}", 'a\n  b\n\n  c'],
    ["{{ 'a\\nb' | indent(2, first=true) }}", '  a\n  b'],
    [
      '{{ -3 | abs }} {{ 3.14159 | round(2) }} {{ 2.5 | round }} {{ 3.5 | round }} {{ 2.1 | round(method="ceil") }}',
      '3 3.14 2 4 3',
    ],
    ["{{ [1, 2, 3] | sum }} {{ [{'n': 1}, {'n': 2}] | sum(attribute='n', start=10) }}", '6 13'],
    [
      "{{ [3, 1, 2] | max }} {{ ['b', 'A'] | min }} {{ 'abc' | reverse }} {{ [1, 2] | reverse | list }}",
      '3 A cba [2, 1]',
    ],
    ['{{ [1, 2, 3, 4, 5] | batch(2) | list }}', '[[1, 2], [3, 4], [5]]'],
    [
      "{{ '%s=%d' | format('a', 3) }} {{ 'hello world' | title }} {{ 'hELLO' | capitalize }}",
      'a=3 Hello World Hello',
    ],
    ["{{ 'a b  c' | wordcount }} {{ '<b>x</b>' | striptags }} {{ '<a&b>' | e }}", '3 x &lt;a&amp;b&gt;'],
    ["{{ {'a': 1} | items | list }} {{ [1] | pprint }}", "[('a', 1)] [1]"],
    [
      "{{ 'a long sentence here' | truncate(9, leeway=0) }} {{ 'abcdefghij' | truncate(6, true, leeway=0) }}",
      'a... abc...',
    ],
    ["{{ cols | groupby('nullable') | map(attribute='grouper') | list }}", '[False, True]'],
    [
      "{{ 'true' | as_bool }} {{ '3' | as_number + 1 }} {{ \"['a']\" | as_native }} {{ 1 | as_text }}",
      "True 4 ['a'] 1",
    ],
  ])('%s', (src, expected) => {
    expect(r(src, { cols })).toBe(expected);
  });

  it('sum of non-numbers is a type error', () => {
    expect(() => r("{{ cols | sum(attribute='missing') }}", { cols })).toThrow(
      'unsupported operand types for +',
    );
  });

  it('{% filter %} blocks apply a filter to their body', () => {
    expect(r('{% filter upper %}shout {{ "it" }}{% endfilter %}')).toBe('SHOUT IT');
  });

  it('groupby yields (grouper, list) pairs usable by unpacking', () => {
    expect(
      r("{% for key, items in cols | groupby('nullable') %}{{ key }}:{{ items | length }};{% endfor %}", {
        cols,
      }),
    ).toBe('False:1;True:2;');
  });
});
