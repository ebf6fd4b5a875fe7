-- next_start_date is null for unpublished resources, and otherwise the start (or later enrollment start) of
-- one of the resource's published, non-variant runs.
select r.id, r.readable_id, r.next_start_date
from {{ ref('learning_resource') }} as r
where r.next_start_date is not null
    and (
        not r.published
        or not exists (
            select 1 from {{ ref('learning_resource_run') }} as run
            where run.learning_resource_id = r.id and run.published and not run.is_variant
                and r.next_start_date in (run.start_date, run.enrollment_start)
        )
    )
