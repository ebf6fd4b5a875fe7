-- One row per (run, instructor name), in the run's order; blank names skipped.
select
    runs.learning_resource_run_id,
    trim(instructor.full_name) as full_name,
    cast(instructor.n as integer) - 1 as position
from {{ ref('int__learning_resource_runs__unioned') }} as runs
cross join lateral unnest(runs.instructors) with ordinality as instructor(full_name, n)
where trim(coalesce(instructor.full_name, '')) <> ''
