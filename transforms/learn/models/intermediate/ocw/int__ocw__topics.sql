-- OCW topic names per course: the distinct, sorted names of the nested `mit_learn_topics` and `topics` lists.
with flattened as (
    select c.object_key, 'learn' as kind, {{ learn_json_text('n.value') }} as name
    from {{ ref('stg_ocw__courses') }} as c
    cross join lateral {{ learn_json_elements('c.mit_learn_topics') }} with ordinality as t(value, i)
    cross join lateral {{ learn_json_elements('t.value') }} with ordinality as n(value, j)
    union all
    select c.object_key, 'ocw' as kind, {{ learn_json_text('n.value') }} as name
    from {{ ref('stg_ocw__courses') }} as c
    cross join lateral {{ learn_json_elements('c.topics') }} with ordinality as t(value, i)
    cross join lateral {{ learn_json_elements('t.value') }} with ordinality as n(value, j)
)

select
    object_key,
    cast(array_agg(distinct name order by name) filter (where kind = 'learn') as text[]) as learn_topics,
    cast(array_agg(distinct name order by name) filter (where kind = 'ocw') as text[]) as ocw_topics
from flattened
where name is not null and name <> ''
group by object_key
