-- A course or program that has runs but none published is unpublished.
select r.id, r.readable_id, r.platform_id
from {{ ref('learning_resource') }} as r
where r.published
    and r.resource_type in ('course', 'program')
    and exists (select 1 from {{ ref('learning_resource_run') }} as run where run.learning_resource_id = r.id)
    and not exists (
        select 1 from {{ ref('learning_resource_run') }} as run
        where run.learning_resource_id = r.id and run.published
    )
