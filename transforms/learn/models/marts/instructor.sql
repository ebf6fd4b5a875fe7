-- Instructors (LearningResourceInstructor), one per full name.
with names as (
    select distinct full_name from {{ ref('int__run_instructors__unnested') }}
)

select
    {{ learn_id(['full_name']) }} as id,
    full_name,
    cast(null as varchar) as first_name,
    cast(null as varchar) as last_name
from names
