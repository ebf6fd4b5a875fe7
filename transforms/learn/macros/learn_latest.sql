{#- The newest landed row per key of a raw table, by `_airbyte_extracted_at` (ties: the later raw id). -#}
{% macro learn_latest(relation, keys) -%}
select *
from (
    select
        raw_rows.*,
        row_number() over (
            partition by {{ keys | join(', ') }}
            order by raw_rows._airbyte_extracted_at desc, cast(raw_rows._airbyte_raw_id as varchar) desc
        ) as _learn_row_rank
    from {{ relation }} as raw_rows
) as ranked
where _learn_row_rank = 1
{%- endmacro %}
