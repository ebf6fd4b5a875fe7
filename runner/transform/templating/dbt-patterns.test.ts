/**
 * Real-world dbt idioms: dbt_utils-style package macros (star, generate_surrogate_key, get_column_values
 * with statement/load_result), run_query with the engine's "needs database" re-render, project overrides
 * of built-ins, adapter.dispatch resolution and the dispatch: config.
 */
import { memoryLogger } from '../../common/logger';
import { bindArgs, JinjaCompileError, JinjaEngine, splitArgs, type StatementRequest } from './index';

const DBT_UTILS_STAR = `
{% macro star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True) -%}
    {{ return(adapter.dispatch('star', 'dbt_utils')(from, relation_alias, except, prefix, suffix, quote_identifiers)) }}
{% endmacro %}

{% macro default__star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True) -%}
    {%- do dbt_utils._is_relation(from, 'star') -%}
    {%- if not execute -%}
        {% do return('*') %}
    {%- endif -%}
    {% set cols = dbt_utils.get_filtered_columns_in_relation(from, except) %}
    {%- if cols|length <= 0 -%}
        {% do return("/* no columns returned from star() macro */") %}
    {%- else -%}
        {%- for col in cols %}
            {%- if relation_alias %}{{ relation_alias }}.{% else %}{%- endif -%}
                {%- if quote_identifiers -%}
                    {{ adapter.quote(col)|trim }} {%- if prefix!='' or suffix!='' %} as {{ adapter.quote(prefix ~ col ~ suffix)|trim }} {%- endif -%}
                {%- else -%}
                    {{ col|trim }} {%- if prefix!='' or suffix!='' %} as {{ (prefix ~ col ~ suffix)|trim }} {%- endif -%}
                {% endif %}
            {%- if not loop.last %},{{ '\\n  ' }}{%- endif -%}
        {%- endfor -%}
    {% endif %}
{%- endmacro %}

{% macro get_filtered_columns_in_relation(from, except=[]) -%}
    {{ return(adapter.dispatch('get_filtered_columns_in_relation', 'dbt_utils')(from, except)) }}
{% endmacro %}

{% macro default__get_filtered_columns_in_relation(from, except=[]) -%}
    {%- if not execute -%}
        {{ return('') }}
    {% endif %}
    {%- set include_cols = [] %}
    {%- set cols = adapter.get_columns_in_relation(from) -%}
    {%- set except = except | map("lower") | list %}
    {%- for col in cols -%}
        {%- if col.column|lower not in except -%}
            {% do include_cols.append(col.column) %}
        {%- endif %}
    {%- endfor %}
    {{ return(include_cols) }}
{%- endmacro %}

{% macro _is_relation(obj, macro) %}
    {%- if not (obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation')) -%}
        {%- do exceptions.raise_compiler_error("Macro " ~ macro ~ " expected a Relation but received the value: " ~ obj) -%}
    {%- endif -%}
{% endmacro %}
`;

const DBT_UTILS_SURROGATE_KEY = `
{%- macro generate_surrogate_key(field_list) -%}
    {{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}
{% endmacro %}

{%- macro default__generate_surrogate_key(field_list) -%}
{%- if var('surrogate_key_treat_nulls_as_empty_strings', False) -%}
    {%- set default_null_value = "" -%}
{%- else -%}
    {%- set default_null_value = '_dbt_utils_surrogate_key_null_' -%}
{%- endif -%}
{%- set fields = [] -%}
{%- for field in field_list -%}
    {%- do fields.append(
        "coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ default_null_value  ~"')"
    ) -%}
    {%- if not loop.last %}
        {%- do fields.append("'-'") -%}
    {%- endif -%}
{%- endfor -%}
{{ dbt.hash(dbt.concat(fields)) }}
{%- endmacro -%}
`;

const DBT_UTILS_GET_COLUMN_VALUES = `
{% macro get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
    {{ return(adapter.dispatch('get_column_values', 'dbt_utils')(table, column, order_by, max_records, default, where)) }}
{% endmacro %}

{% macro default__get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
    {%- if not execute -%}
        {% set default = [] if not default %}
        {{ return(default) }}
    {% endif %}
    {%- set target_relation = table -%}
    {% set relation_exists = (load_relation(target_relation)) is not none %}
    {%- call statement('get_column_values', fetch_result=true) %}
        {%- if not relation_exists and default is none -%}
          {{ exceptions.raise_compiler_error("In get_column_values(): relation " ~ target_relation ~ " does not exist and no default value was provided.") }}
        {%- elif not relation_exists and default is not none -%}
          {{ log("Relation " ~ target_relation ~ " does not exist. Returning the default value: " ~ default) }}
          {{ return(default) }}
        {%- else -%}
            select {{ column }} as value
            from {{ target_relation }}
            {% if where is not none %}where {{ where }}{% endif %}
            group by {{ column }}
            order by {{ order_by }}
            {% if max_records is not none %}limit {{ max_records }}{% endif %}
        {% endif %}
    {%- endcall -%}
    {%- set value_list = load_result('get_column_values') -%}
    {%- if value_list and value_list['data'] -%}
        {%- set values = value_list['data'] | map(attribute=0) | list %}
        {{ return(values) }}
    {%- else -%}
        {{ return(default) }}
    {%- endif -%}
{%- endmacro %}
`;

const DBT_UTILS_DATE_SPINE = `
{% macro get_powers_of_two(upper_bound) %}
    {{ return(adapter.dispatch('get_powers_of_two', 'dbt_utils')(upper_bound)) }}
{% endmacro %}
{% macro default__get_powers_of_two(upper_bound) %}
    {% if upper_bound <= 0 %}
    {{ exceptions.raise_compiler_error("upper bound must be positive") }}
    {% endif %}
    {% for _ in range(1, 100) %}
       {% if upper_bound <= 2 ** loop.index %}{{ return(loop.index) }}{% endif %}
    {% endfor %}
{% endmacro %}
{% macro generate_series(upper_bound) %}
    {{ return(adapter.dispatch('generate_series', 'dbt_utils')(upper_bound)) }}
{% endmacro %}
{% macro default__generate_series(upper_bound) %}
    {% set n = dbt_utils.get_powers_of_two(upper_bound) %}
    with p as (select 0 as generated_number union all select 1),
    unioned as (
    select
    {% for i in range(n) -%}
    p{{i}}.generated_number * power(2, {{i}}){% if not loop.last %} + {% endif %}
    {% endfor -%}
    + 1 as generated_number
    from
    {% for i in range(n) -%}
    p as p{{i}}{% if not loop.last %} cross join {% endif %}
    {% endfor -%}
    )
    select * from unioned where generated_number <= {{upper_bound}} order by generated_number
{% endmacro %}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
    {{ return(adapter.dispatch('get_intervals_between', 'dbt_utils')(start_date, end_date, datepart)) }}
{%- endmacro %}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
    {%- call statement('get_intervals_between', fetch_result=True) %}
        select {{ dbt.datediff(start_date, end_date, datepart) }}
    {%- endcall -%}
    {%- set value_list = load_result('get_intervals_between') -%}
    {%- if value_list and value_list['data'] -%}
        {%- set values = value_list['data'] | map(attribute=0) | list %}
        {{ return(values[0]) }}
    {%- else -%}
        {{ return(1) }}
    {%- endif -%}
{%- endmacro %}
{% macro date_spine(datepart, start_date, end_date) %}
    {{ return(adapter.dispatch('date_spine', 'dbt_utils')(datepart, start_date, end_date)) }}
{%- endmacro %}
{% macro default__date_spine(datepart, start_date, end_date) %}
with rawdata as (
    {{dbt_utils.generate_series(
        dbt_utils.get_intervals_between(start_date, end_date, datepart)
    )}}
),
all_periods as (
    select ({{ dbt.dateadd(datepart, "row_number() over (order by 1) - 1", start_date) }}) as date_{{datepart}}
    from rawdata
)
select * from all_periods where date_{{datepart}} <= {{ end_date }}
{% endmacro %}
`;

/** A relation as the engine may build it: prints quoted, looks like a mapping to dbt_utils. */
class FakeRelation {
  readonly metadata = { type: 'DuckDBRelation' };
  readonly is_cte = false;
  constructor(
    readonly schema: string,
    readonly identifier: string,
  ) {}
  get(key: string, dflt: unknown = null): unknown {
    return (this as unknown as Record<string, unknown>)[key] ?? dflt;
  }
  keys(): string[] {
    return ['schema', 'identifier', 'metadata'];
  }
  toString(): string {
    return `"${this.schema}"."${this.identifier}"`;
  }
}

function project(options: Partial<ConstructorParameters<typeof JinjaEngine>[0]> = {}) {
  const e = new JinjaEngine({ rootPackage: 'learn', logger: memoryLogger(), ...options });
  e.addMacroFile({
    path: 'dbt_packages/dbt_utils/macros/sql/star.sql',
    packageName: 'dbt_utils',
    source: DBT_UTILS_STAR,
  });
  e.addMacroFile({
    path: 'dbt_packages/dbt_utils/macros/sql/generate_surrogate_key.sql',
    packageName: 'dbt_utils',
    source: DBT_UTILS_SURROGATE_KEY,
  });
  e.addMacroFile({
    path: 'dbt_packages/dbt_utils/macros/sql/get_column_values.sql',
    packageName: 'dbt_utils',
    source: DBT_UTILS_GET_COLUMN_VALUES,
  });
  return e;
}

function baseContext(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  return {
    execute: true,
    target: { name: 'dev', schema: 'main', type: 'duckdb', database: 'db' },
    var: (...args: unknown[]) => {
      const { name, default: dflt } = bindArgs(args, ['name', 'default']);
      return (name as string) in vars ? vars[name as string] : dflt;
    },
    ref: (...args: unknown[]) => new FakeRelation('main', String(splitArgs(args).args.at(-1))),
    adapter: {
      quote: (s: string) => `"${s}"`,
      get_columns_in_relation: () => [{ column: 'id' }, { column: 'Name' }, { column: 'secret' }],
    },
    ...overrides,
  };
}

describe('dbt_utils-style package macros', () => {
  it('star() lists columns through adapter.get_columns_in_relation, honouring except and prefix', () => {
    const e = project();
    const sql = e.render(
      "select {{ dbt_utils.star(from=ref('users'), except=['SECRET'], relation_alias='u', prefix='x_') }} from t",
      baseContext(),
    );
    expect(sql).toBe('select u."id" as "x_id",\n  u."Name" as "x_Name" from t');
  });

  it('star() returns * at parse time (execute=False) without touching the database', () => {
    const e = project();
    const ctx = baseContext({
      execute: false,
      adapter: {
        get_columns_in_relation: () => {
          throw new Error('no database at parse time');
        },
      },
    });
    expect(e.render("select {{ dbt_utils.star(ref('users')) }} from x", ctx)).toBe('select * from x');
  });

  it('star() rejects a value that is not a relation with a compile error naming the macro file', () => {
    const e = project();
    let err: unknown;
    try {
      e.render("{{ dbt_utils.star('users') }}", baseContext(), { path: 'models/m.sql' });
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(JinjaCompileError);
    const ce = err as JinjaCompileError;
    expect(ce.message).toBe('Macro star expected a Relation but received the value: users');
    expect(ce.path).toBe('dbt_packages/dbt_utils/macros/sql/star.sql');
    const lines = DBT_UTILS_STAR.split('\n');
    const line = lines.findIndex((l) => l.includes('exceptions.raise_compiler_error')) + 1;
    expect(ce.line).toBe(line);
    expect(ce.column).toBe(lines[line - 1].indexOf('exceptions.') + 1);
    expect(ce.calledFrom.at(-1)).toBe('models/m.sql:1:4');
  });

  it('reports the macros a render called', () => {
    const e = project();
    const used = new Set<string>();
    e.render("{{ dbt_utils.generate_surrogate_key(['a']) }}", baseContext(), { usedMacros: used });
    expect([...used].sort()).toEqual([
      'dbt.concat',
      'dbt.default__concat',
      'dbt.default__hash',
      'dbt.default__type_string',
      'dbt.hash',
      'dbt.type_string',
      'dbt_utils.default__generate_surrogate_key',
      'dbt_utils.generate_surrogate_key',
    ]);
  });

  it('generate_surrogate_key() renders through dbt.hash / dbt.concat / dbt.type_string', () => {
    const e = project();
    const sql = e.render("{{ dbt_utils.generate_surrogate_key(['a', 'b']) }}", baseContext());
    expect(sql).toBe(
      "md5(cast(coalesce(cast(a as varchar), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(b as varchar), '_dbt_utils_surrogate_key_null_') as varchar))",
    );
    const pg = e.render(
      "{{ dbt_utils.generate_surrogate_key(['a']) }}",
      baseContext({ target: { type: 'postgres', schema: 'public' } }),
    );
    expect(pg).toBe("md5(cast(coalesce(cast(a as text), '_dbt_utils_surrogate_key_null_') as text))");
  });

  it('get_column_values() hands the statement SQL to the engine and reads load_result()', () => {
    const e = project();
    const statements: StatementRequest[] = [];
    const results: Record<string, unknown> = {};
    const ctx = baseContext({
      load_relation: (rel: unknown) => rel,
      load_result: (name: string) => results[name] ?? null,
    });
    const onStatement = (req: StatementRequest) => {
      statements.push(req);
      results[req.name!] = {
        data: [
          ['web', 10],
          ['mobile', 3],
        ],
        response: 'SELECT 2',
      };
    };
    const parse = e.callMacro(
      'dbt_utils.get_column_values',
      { kwargs: { table: ctx.ref, column: 'platform' } },
      {
        ...ctx,
        execute: false,
      },
    );
    expect(parse).toEqual([]);
    expect(statements).toEqual([]);
    const values = e.callMacro(
      'dbt_utils.get_column_values',
      { args: [new FakeRelation('main', 'events'), 'platform'], kwargs: { max_records: 5 } },
      ctx,
      { onStatement },
    );
    expect(values).toEqual(['web', 'mobile']);
    const req = statements.at(-1)!;
    expect(req.name).toBe('get_column_values');
    expect(req.fetchResult).toBe(true);
    expect(req.sql.replace(/\s+/g, ' ').trim()).toBe(
      'select platform as value from "main"."events" group by platform order by count(*) desc limit 5',
    );
  });

  it('get_column_values(): return() inside the statement body returns the default without running SQL; a missing relation without default is a compile error', () => {
    const e = project();
    const statements: StatementRequest[] = [];
    const ctx = baseContext({ load_relation: () => null, load_result: () => null });
    expect(() =>
      e.callMacro('dbt_utils.get_column_values', [new FakeRelation('main', 'gone'), 'c'], ctx, {
        onStatement: (req) => statements.push(req),
      }),
    ).toThrow(
      'In get_column_values(): relation "main"."gone" does not exist and no default value was provided.',
    );
    const withDefault = e.callMacro(
      'dbt_utils.get_column_values',
      { args: [new FakeRelation('main', 'gone'), 'c'], kwargs: { default: ['x'] } },
      ctx,
      { onStatement: (req) => statements.push(req) },
    );
    expect(withDefault).toEqual(['x']);
    expect(statements).toEqual([]);
  });
});

describe('dbt_utils.date_spine (statement + load_result, return() from inside a loop, dbt.* helpers)', () => {
  it('renders the spine with the interval count the statement returned', () => {
    const e = project();
    e.addMacroFile({
      path: 'dbt_packages/dbt_utils/macros/sql/date_spine.sql',
      packageName: 'dbt_utils',
      source: DBT_UTILS_DATE_SPINE,
    });
    const results: Record<string, unknown> = {};
    const statements: string[] = [];
    const ctx = baseContext({ load_result: (name: string) => results[name] ?? null });
    const sql = e.render(
      "{{ dbt_utils.date_spine(datepart='day', start_date=\"cast('2024-01-01' as date)\", end_date=\"cast('2024-01-06' as date)\") }}",
      ctx,
      {
        onStatement: (req) => {
          statements.push(req.sql.trim());
          results[req.name!] = { data: [[5]] };
        },
      },
    );
    expect(statements).toEqual([
      "select date_diff('day', cast('2024-01-01' as date)::timestamp, cast('2024-01-06' as date)::timestamp)",
    ]);
    const flat = sql.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'p0.generated_number * power(2, 0) + p1.generated_number * power(2, 1) + p2.generated_number * power(2, 2) + 1 as generated_number',
    );
    expect(flat).toContain('from p as p0 cross join p as p1 cross join p as p2 )');
    expect(flat).toContain('where generated_number <= 5 order by generated_number');
    expect(flat).toContain(
      "select (date_add(cast('2024-01-01' as date), interval (row_number() over (order by 1) - 1) day)) as date_day from rawdata",
    );
  });
});

describe('run_query and the "needs database" re-render', () => {
  class NeedsDatabase extends Error {
    constructor(readonly sql: string) {
      super('needs database');
    }
  }

  it('an error thrown by run_query passes through untouched; a re-render with the cached result completes', () => {
    const e = project();
    const cache = new Map<string, unknown>();
    let calls = 0;
    const ctx = baseContext({
      run_query: (sql: string) => {
        calls++;
        if (!cache.has(sql)) throw new NeedsDatabase(sql);
        return cache.get(sql);
      },
    });
    const model = `
{%- set results = run_query("select distinct platform from " ~ ref('events')) -%}
{%- if execute -%}{%- set platforms = results.columns[0].values() -%}{%- else -%}{%- set platforms = [] -%}{%- endif -%}
select
{%- for p in platforms %}
  sum(case when platform = '{{ p }}' then 1 else 0 end) as {{ p }}_count{{ ',' if not loop.last }}
{%- endfor %}
from {{ ref('events') }}`;
    let thrown: unknown;
    try {
      e.render(model, ctx, { path: 'models/pivot.sql' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(NeedsDatabase);
    expect((thrown as NeedsDatabase).sql).toBe('select distinct platform from "main"."events"');
    expect(e.errorLocation(thrown)).toEqual({ path: 'models/pivot.sql', line: 2, column: 19 });

    cache.set((thrown as NeedsDatabase).sql, {
      columns: [{ name: 'platform', values: () => ['web', 'app'] }],
    });
    const first = e.render(model, ctx, { path: 'models/pivot.sql' });
    const second = e.render(model, ctx, { path: 'models/pivot.sql' });
    expect(first).toBe(second);
    expect(first).toBe(
      'select\n  sum(case when platform = \'web\' then 1 else 0 end) as web_count,\n  sum(case when platform = \'app\' then 1 else 0 end) as app_count\nfrom "main"."events"',
    );
    expect(calls).toBe(3);
  });

  it('lenient parse-time rendering tolerates unguarded run_query results and unknown calls', () => {
    const e = project();
    const model =
      "{% set res = run_query('select 1') %}{% set vals = res.columns[0].values() %}select {{ vals }}, {{ unknown_macro(1) }}";
    const ctx = baseContext({ execute: false, run_query: () => null });
    expect(e.render(model, ctx, { lenient: true })).toBe('select , ');
    expect(() => e.render(model, ctx)).toThrow("'res.columns[0]' is undefined");
  });

  it('engine errors thrown deep inside package macros keep their class and fields', () => {
    class EngineError extends Error {
      readonly code = 'E42';
    }
    const e = project();
    const boom = new EngineError('adapter failed');
    const ctx = baseContext({
      adapter: {
        quote: (s: string) => s,
        get_columns_in_relation: () => {
          throw boom;
        },
      },
    });
    let thrown: unknown;
    try {
      e.render("{{ dbt_utils.star(ref('x')) }}", ctx);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBe(boom);
    expect((thrown as EngineError).code).toBe('E42');
    expect(e.errorLocation(thrown)?.path).toBe('dbt_packages/dbt_utils/macros/sql/star.sql');
  });
});

describe('overrides and adapter.dispatch', () => {
  it('built-in generate_schema_name: target schema, or <target>_<custom>', () => {
    const e = project();
    const ctx = baseContext();
    expect(e.callMacro('generate_schema_name', [null, {}], ctx)).toBe('main');
    expect(e.callMacro('generate_schema_name', [' marts ', {}], ctx)).toBe('main_marts');
    expect(e.callMacro('generate_alias_name', [null, { name: 'orders', version: null }], ctx)).toBe('orders');
    expect(e.callMacro('generate_alias_name', [null, { name: 'orders', version: 2 }], ctx)).toBe('orders_v2');
    expect(e.callMacro('generate_database_name', [null, {}], ctx)).toBe('db');
  });

  it('a project generate_schema_name overrides the built-in, and may call the built-in default', () => {
    const e = project();
    e.addMacroFile({
      path: 'macros/generate_schema_name.sql',
      packageName: 'learn',
      source: `{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}{{ target.schema }}{%- elif target.name == 'prod' -%}{{ custom_schema_name | trim }}
  {%- else -%}{{ default__generate_schema_name(custom_schema_name, node) }}{%- endif -%}
{%- endmacro %}`,
    });
    expect(
      e.callMacro(
        'generate_schema_name',
        ['marts', {}],
        baseContext({ target: { name: 'prod', schema: 'x' } }),
      ),
    ).toBe('marts');
    expect(e.callMacro('generate_schema_name', ['marts', {}], baseContext())).toBe('main_marts');
    expect(e.findMacro('generate_schema_name')?.path).toBe('macros/generate_schema_name.sql');
  });

  it('a project ref() override wraps builtins.ref', () => {
    const e = project();
    e.addMacroFile({
      path: 'macros/ref.sql',
      packageName: 'learn',
      source: `{% macro ref(model_name) %}{% do return(builtins.ref(model_name).identifier ~ '_override') %}{% endmacro %}`,
    });
    expect(e.render("select * from {{ ref('orders') }}", baseContext())).toBe(
      'select * from orders_override',
    );
    expect(e.staticCalls("select * from {{ ref('orders') }}")).toBeNull();
  });

  it('dispatch prefers <adapter>__ over default__, and the root project over the package', () => {
    const e = project();
    e.addMacroFile({
      path: 'dbt_packages/pkg/macros/m.sql',
      packageName: 'pkg',
      source: `{% macro greet() %}{{ return(adapter.dispatch('greet', 'pkg')()) }}{% endmacro %}
{% macro default__greet() %}pkg-default{% endmacro %}
{% macro postgres__greet() %}pkg-postgres{% endmacro %}`,
    });
    const duck = baseContext();
    const pg = baseContext({ target: { type: 'postgres', schema: 'public' } });
    expect(e.render('{{ pkg.greet() }}', duck)).toBe('pkg-default');
    expect(e.render('{{ pkg.greet() }}', pg)).toBe('pkg-postgres');
    e.addMacroFile({
      path: 'macros/shim.sql',
      packageName: 'learn',
      source: '{% macro duckdb__greet() %}root-duckdb{% endmacro %}',
    });
    expect(e.render('{{ pkg.greet() }}', duck)).toBe('root-duckdb');
    expect(e.render('{{ pkg.greet() }}', pg)).toBe('pkg-postgres');
  });

  it('the dispatch: config reorders the packages searched', () => {
    const e = project({ dispatch: [{ macro_namespace: 'dbt_utils', search_order: ['shims', 'dbt_utils'] }] });
    e.addMacroFile({
      path: 'dbt_packages/shims/macros/star.sql',
      packageName: 'shims',
      source:
        '{% macro default__star(from, relation_alias, except, prefix, suffix, quote_identifiers) %}shimmed-star{% endmacro %}',
    });
    expect(e.render("{{ dbt_utils.star(ref('x')) }}", baseContext())).toBe('shimmed-star');
    expect(e.dispatch('star', 'dbt_utils', baseContext()).packageName).toBe('shims');
  });

  it('adapter parents are searched between the adapter and default', () => {
    const e = new JinjaEngine({
      rootPackage: 'p',
      logger: memoryLogger(),
      adapterParents: { redshift: ['postgres'] },
    });
    e.addMacroFile({
      path: 'macros/m.sql',
      packageName: 'p',
      source: `{% macro postgres__x() %}pg{% endmacro %}{% macro default__x() %}def{% endmacro %}`,
    });
    expect(e.render("{{ adapter.dispatch('x')() }}", { target: { type: 'redshift' } })).toBe('pg');
    expect(e.render("{{ adapter.dispatch('x')() }}", { target: { type: 'duckdb' } })).toBe('def');
  });

  it('dispatch without a match names what it searched for', () => {
    const e = project();
    expect(() =>
      e.render("{{ adapter.dispatch('nothing', 'dbt_utils')() }}", baseContext(), { path: 'models/a.sql' }),
    ).toThrow(
      "In dispatch: No macro named 'nothing' found within namespace: 'dbt_utils'\n    Searched for: 'learn.duckdb__nothing', 'learn.default__nothing', 'dbt_utils.duckdb__nothing', 'dbt_utils.default__nothing'",
    );
  });

  it('package macros see their own package first by bare name; other packages need a prefix', () => {
    const e = new JinjaEngine({ rootPackage: 'root', logger: memoryLogger() });
    e.addMacroFile({
      path: 'a.sql',
      packageName: 'pkg_a',
      source: '{% macro helper() %}a-helper{% endmacro %}{% macro outer() %}{{ helper() }}{% endmacro %}',
    });
    e.addMacroFile({
      path: 'b.sql',
      packageName: 'pkg_b',
      source: '{% macro helper() %}b-helper{% endmacro %}',
    });
    expect(e.render('{{ pkg_a.outer() }} {{ pkg_b.helper() }}')).toBe('a-helper b-helper');
    expect(() => e.render('{{ helper() }}')).toThrow("'helper' is undefined");
    e.addMacroFile({
      path: 'r.sql',
      packageName: 'root',
      source: '{% macro helper() %}root-helper{% endmacro %}',
    });
    expect(e.render('{{ helper() }} {{ pkg_a.outer() }}')).toBe('root-helper a-helper');
  });

  it('registers {% test %} blocks as test_<name> and {% materialization %} blocks as materialization_<name>_<adapter>', () => {
    const e = project();
    const infos = e.addMacroFile({
      path: 'macros/tests.sql',
      packageName: 'learn',
      source: `{% test is_positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}
{% materialization my_mat, adapter='duckdb' %}{{ return({'relations': []}) }}{% endmaterialization %}
{% materialization other, default %}x{% endmaterialization %}`,
    });
    expect(infos.map((i) => i.name)).toEqual([
      'test_is_positive',
      'materialization_my_mat_duckdb',
      'materialization_other_default',
    ]);
    expect(infos.map((i) => i.kind)).toEqual(['test', 'materialization', 'materialization']);
    expect(infos[0].line).toBe(1);
    expect(infos[1].line).toBe(2);
    const sql = e.callMacro('test_is_positive', {
      kwargs: { model: new FakeRelation('main', 'm'), column_name: 'amount' },
    });
    expect(sql).toBe('select * from "main"."m" where amount <= 0');
    expect(e.callMacro('materialization_my_mat_duckdb')).toEqual({ relations: [] });
  });

  it('built-in generic tests render', () => {
    const e = project();
    const model = new FakeRelation('main', 'orders');
    const sql = e.callMacro(
      'test_accepted_values',
      { kwargs: { model, column_name: 'status', values: ['a', 'b'] } },
      baseContext(),
    );
    expect(String(sql)).toContain("where value_field not in ('a', 'b')");
    expect(
      String(e.callMacro('test_not_null', { kwargs: { model, column_name: 'id' } }, baseContext())).trim(),
    ).toBe('select id\nfrom "main"."orders"\nwhere id is null');
  });
});

describe('a Learn-style project (cross-database dispatch families, vars, incremental filters)', () => {
  const MACROS = `
{% macro array_join(array_expr, delimiter) -%}
  {{ return(adapter.dispatch('array_join')(array_expr, delimiter)) }}
{%- endmacro %}
{% macro trino__array_join(array_expr, delimiter) -%}array_join({{ array_expr }}, '{{ delimiter }}'){%- endmacro %}
{% macro duckdb__array_join(array_expr, delimiter) -%}array_to_string({{ array_expr }}, '{{ delimiter }}'){%- endmacro %}
{% macro default__array_join(array_expr, delimiter) -%}array_to_string({{ array_expr }}, '{{ delimiter }}'){%- endmacro %}

{% macro deduplicate_query(cte_name, partition_columns, order_by='_airbyte_extracted_at desc') -%}
  {%- set cols = partition_columns if partition_columns is not string else [partition_columns] -%}
  select * from (
    select *, row_number() over (partition by {{ cols | join(', ') }} order by {{ order_by }}) as row_num
    from {{ cte_name }}
  ) where row_num = 1
{%- endmacro %}

{% macro platform_label(code) -%}
  {%- set platforms = var('open_learning')['platforms'] -%}
  {{ platforms.get(code, 'Unknown') }}
{%- endmacro %}
`;
  const MODEL = `{{ config(materialized='incremental', unique_key=['user_id', 'course_id'], incremental_strategy='delete+insert') }}
with source as (
  select * from {{ source('raw', 'enrollments') }}
  {% if is_incremental() %}
  where updated_on > (select max(updated_on) from {{ this }})
  {% endif %}
),
deduped as ({{ deduplicate_query('source', ['user_id', 'course_id']) }})
select
  user_id,
  course_id,
  {{ array_join('tags', '|') }} as tags,
  '{{ platform_label('mitx') }}' as platform
from deduped`;

  function learn(isIncremental: boolean, type = 'duckdb') {
    const e = new JinjaEngine({ rootPackage: 'open_learning', logger: memoryLogger() });
    e.addMacroFile({ path: 'macros/helpers.sql', packageName: 'open_learning', source: MACROS });
    const vars: Record<string, unknown> = {
      open_learning: { platforms: { mitx: 'MITx Online', xpro: 'xPRO' } },
    };
    const ctx = baseContext({
      target: { name: 'dev', schema: 'ol', type },
      this: new FakeRelation('ol', 'int__enrollments'),
      is_incremental: () => isIncremental,
      config: () => '',
      source: (a: string, b: string) => new FakeRelation(`raw_${a}`, b),
      var: (...args: unknown[]) => {
        const { name, default: dflt } = bindArgs(args, ['name', 'default']);
        return (name as string) in vars ? vars[name as string] : dflt;
      },
    });
    return e.render(MODEL, ctx, { path: 'models/int__enrollments.sql', packageName: 'open_learning' });
  }

  it('full refresh on DuckDB', () => {
    const sql = learn(false);
    expect(sql).not.toContain('updated_on >');
    expect(sql).toContain("array_to_string(tags, '|') as tags");
    expect(sql).toContain("'MITx Online' as platform");
    expect(sql.replace(/\s+/g, ' ')).toContain(
      'select *, row_number() over (partition by user_id, course_id order by _airbyte_extracted_at desc) as row_num from source',
    );
  });

  it('incremental on Trino-style dispatch', () => {
    const sql = learn(true, 'trino');
    expect(sql).toContain('where updated_on > (select max(updated_on) from "ol"."int__enrollments")');
    expect(sql).toContain("array_join(tags, '|') as tags");
  });
});
