-- depends_on: {{ ref('feed_news_detail') }}, {{ ref('feed_event_detail') }}
-- On PostgreSQL the list columns of the feed details are text[] as in shared-schema (the contracts cannot
-- say so: the engine's probe names arrays by OID). Empty on DuckDB.
{% if target.type == 'postgres' %}
with expected(table_name, column_name, udt_name) as (
    values
        ('feed_news_detail', 'authors', '_text'),
        ('feed_news_detail', 'topics', '_text'),
        ('feed_event_detail', 'audience', '_text'),
        ('feed_event_detail', 'location', '_text'),
        ('feed_event_detail', 'event_type', '_text')
)
select expected.*, c.udt_name as actual_udt_name
from expected
left join information_schema.columns as c
    on c.table_schema = '{{ target.schema }}' and c.table_name = expected.table_name
    and c.column_name = expected.column_name
where c.udt_name is distinct from expected.udt_name
{% else %}
select 1 as unused where false
{% endif %}
