-- Run ↔ instructor links with the instructor's position in the run.
select
    learning_resource_run_id as run_id,
    {{ learn_id(['full_name']) }} as instructor_id,
    min(position) as position
from {{ ref('int__run_instructors__unnested') }}
group by learning_resource_run_id, full_name
