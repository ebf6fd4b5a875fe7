{{ config(materialized=('table' if target.type == 'postgres' else 'view')) }}
-- The app's computed `free` flag per resource: a course or program is free when it is not professional and
-- has no price or a 0.00 price; every other resource type is free.
select
    r.id as learning_resource_id,
    case
        when r.resource_type in ('course', 'program')
            then not r.professional and ({{ learn_list_length('r.prices') }} = 0 or {{ learn_list_contains('r.prices', 'cast(0 as decimal(12, 2))') }})
        else true
    end as free
from {{ ref('learning_resource') }} as r
