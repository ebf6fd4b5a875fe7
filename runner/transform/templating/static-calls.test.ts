import { memoryLogger } from '../../common/logger';
import { JinjaCompileError, JinjaEngine, staticCalls } from './index';
import { parseSimpleTemplate } from './simple-template';

describe('staticCalls', () => {
  it('returns the literal ref/source/config calls of a plain model', () => {
    const sql = `{{ config(materialized='incremental', unique_key=['id', 'day'], tags=["a"], enabled=True, meta={'owner': 'x'}, n=-3) }}
-- depends on {{ ref('stg_a') }}
select * from {{ ref('pkg', 'b') }} join {{- source('raw', 'events') -}} using (id)
{# {% if this is ignored %} #}
join {{ ref('versioned', v=2) }} using (id)`;
    expect(staticCalls(sql)).toEqual({
      refs: [{ name: 'stg_a' }, { package: 'pkg', name: 'b' }, { name: 'versioned', version: 2 }],
      sources: [{ source: 'raw', table: 'events' }],
      config: {
        materialized: 'incremental',
        unique_key: ['id', 'day'],
        tags: ['a'],
        enabled: true,
        meta: { owner: 'x' },
        n: -3,
      },
    });
  });

  it('merges several config() calls in order', () => {
    expect(staticCalls("{{ config(a=1) }}{{ config(a=2, b='x') }}")?.config).toEqual({ a: 2, b: 'x' });
  });

  it('returns plain text models with no calls', () => {
    expect(staticCalls('select 1 as {x}')).toEqual({ refs: [], sources: [], config: {} });
  });

  it.each([
    ['a block tag', "{% if is_incremental() %}{{ ref('a') }}{% endif %}"],
    ['a variable', "select {{ var('x') }} from {{ ref('a') }}"],
    ['a non-literal argument', '{{ ref(model_name) }}'],
    ['a filter', "{{ ref('a') | lower }}"],
    ['an attribute', "{{ ref('a').identifier }}"],
    ['this', 'select * from {{ this }}'],
    ['positional config', "{{ config({'a': 1}) }}"],
    ['source with one argument', "{{ source('a') }}"],
    ['an unknown ref keyword', "{{ ref('a', foo=1) }}"],
    ['an expression', "{{ ref('a' ~ 'b') }}"],
    ['an unterminated tag', "{{ ref('a') "],
    ['an unterminated comment', '{# open'],
  ])('returns null for %s', (_label, sql) => {
    expect(staticCalls(sql)).toBeNull();
  });

  it('is null when the project overrides ref, source or config', () => {
    const e = new JinjaEngine({ rootPackage: 'p', logger: memoryLogger() });
    expect(e.staticCalls("{{ source('a', 'b') }}")).not.toBeNull();
    e.addMacroFile({
      path: 'macros/source.sql',
      packageName: 'p',
      source: '{% macro source(a, b) %}x{% endmacro %}',
    });
    expect(e.staticCalls("{{ source('a', 'b') }}")).toBeNull();
  });
});

describe('the simple-template fast path renders exactly like the compiler', () => {
  const e = new JinjaEngine({ rootPackage: 'p', logger: memoryLogger() });
  e.addMacroFile({
    path: 'macros/m.sql',
    packageName: 'p',
    source:
      "{% macro cents(col, scale=2) %}({{ col }} / 100)::numeric(16, {{ scale }}){% endmacro %}{% macro push(l) %}{% do l.append('x') %}{{ l }}{% endmacro %}",
  });
  const ctx = {
    ref: (n: string) => `"main"."${n}"`,
    this: { schema: 's', identifier: 'i', toString: () => '"s"."i"' },
    target: { schema: 'main', name: 'dev', type: 'duckdb' },
    config: () => '',
    flag: null,
  };
  // A no-op block tag forces the full compiler for the same text.
  const full = (src: string) => src + '{% if false %}{% endif %}';

  it.each([
    "select * from {{ ref('a') }} where x = '{{ target.schema }}'",
    '{{ this }} {{ this.schema }} {{ flag }} {{ missing }} {{ target }}',
    "{{ config(materialized='table') }}\nselect {{ cents('amount') }}, {{ cents('tax', scale=4) }}",
    "a  {{- ref('x') -}}  b {#- note -#}  c",
    "{{ push(['a']) }} {{ push(['a']) }}",
    "{{ p.cents('c') }}",
    "{{ push(('a', 'b')) }} {{ cents(('c')) }}",
  ])('%s', (src) => {
    expect(parseSimpleTemplate(src)).not.toBeNull();
    expect(e.render(src, ctx)).toBe(e.render(full(src), ctx));
  });

  it('reports errors at the same position', () => {
    const positions = ['select\n  {{ nope(1) }}', full('select\n  {{ nope(1) }}')].map((src) => {
      try {
        e.render(src, ctx, { path: 'models/x.sql' });
      } catch (err) {
        const ce = err as JinjaCompileError;
        return [ce.constructor.name, ce.path, ce.line, ce.column, ce.message];
      }
      return null;
    });
    expect(positions[0]).toEqual(['JinjaCompileError', 'models/x.sql', 2, 6, positions[0]![4]]);
    expect(positions[1]).toEqual(positions[0]);
  });
});
