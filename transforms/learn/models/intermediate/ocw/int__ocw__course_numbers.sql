-- OCW course numbers (primary first, then the extra ones) with their department, as the app's JSON list.
with numbers as (
    select c.object_key, trim(c.primary_course_number) as value, 0 as n
    from {{ ref('stg_ocw__courses') }} as c
    where nullif(trim(c.primary_course_number), '') is not null
    union all
    select c.object_key, trim(extra.value), cast(extra.n as integer)
    from {{ ref('stg_ocw__courses') }} as c
    cross join lateral unnest({{ learn_split('c.extra_course_numbers', ',') }}) with ordinality as extra(value, n)
),

with_department as (
    select
        numbers.*,
        d.department_id,
        d.name as department_name
    from numbers
    left join {{ ref('departments') }} as d
        on d.department_id = case
            when {{ learn_regexp_extract('numbers.value', '^([0-9A-Za-z-]+)\\.', 1) }} = '21W' then 'CMS-W'
            else {{ learn_regexp_extract('numbers.value', '^([0-9A-Za-z-]+)\\.', 1) }}
        end
)

select
    object_key,
    '[' || string_agg(
        '{"value": "' || value || '", "listing_type": "' || case when n = 0 then 'primary' else 'cross-listed' end
        || '", "department": ' || case when department_id is null then 'null'
            else '{"department_id": "' || department_id || '", "name": "' || department_name || '"}' end
        || ', "sort_coursenum": "'
        || case when length(department_id) = 1 and value like department_id || '%' then '0' || value else value end
        || '", "primary": ' || case when n = 0 then 'true' else 'false' end || '}',
        ', ' order by n
    ) || ']' as course_numbers
from with_department
group by object_key
