{#- columns come from the data: a query at render time (replayed until every answer is known) -#}
{%- set regions_query %}select distinct region from {{ ref('stg_payments') }} order by region{% endset -%}
{%- set result = run_query(regions_query) -%}
{%- if execute -%}{%- set regions = result.columns[0].values() -%}{%- else -%}{%- set regions = [] -%}{%- endif -%}
{%- call statement('total', fetch_result=True) -%}select sum(amount) as s from {{ ref('stg_payments') }}{%- endcall -%}
{%- set total = load_result('total')['data'][0][0] if execute else 0 -%}
{%- set cols = adapter.get_columns_in_relation(ref('stg_payments')) -%}
select
{%- for r in regions %}
    {{ region_sum(r) }} as {{ r }}_amount,
{%- endfor %}
    {{ total }} as grand_total,
    {{ cols | length }} as source_columns,
    {{ label(var('region_label')) }} as label,
    {%- set found = adapter.get_relation(database=this.database, schema=this.schema, identifier='stg_payments') %}
    {{ 'true' if found is not none and found.is_view else 'false' }} as upstream_is_view
from {{ ref('stg_payments') }}
