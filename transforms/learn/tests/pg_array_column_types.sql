-- depends_on: {{ ref('learning_resource') }}, {{ ref('learning_resource_run') }}, {{ ref('offeror') }}
-- On PostgreSQL, the list columns of the marts have the array types of shared-schema (text[] / numeric[]):
-- the contracts cannot say so (see contracts/generate.mjs), so this test reads the catalog. Empty on DuckDB.
{% if target.type == 'postgres' %}
with expected(table_name, column_name, udt_name) as (
    values
        ('learning_resource', 'languages', '_text'),
        ('learning_resource', 'delivery', '_text'),
        ('learning_resource', 'pace', '_text'),
        ('learning_resource', 'format', '_text'),
        ('learning_resource', 'prices', '_numeric'),
        ('learning_resource', 'ocw_topics', '_text'),
        ('learning_resource_run', 'languages', '_text'),
        ('learning_resource_run', 'level', '_text'),
        ('learning_resource_run', 'prices', '_numeric'),
        ('learning_resource_run', 'delivery', '_text'),
        ('learning_resource_run', 'pace', '_text'),
        ('learning_resource_run', 'format', '_text'),
        ('offeror', 'offerings', '_text'),
        ('offeror', 'audience', '_text'),
        ('offeror', 'formats', '_text'),
        ('offeror', 'fee', '_text'),
        ('offeror', 'certifications', '_text'),
        ('offeror', 'content_types', '_text')
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
