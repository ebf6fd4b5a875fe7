-- Resource ↔ department links; ids that are not departments are dropped.
with links as (
    select distinct resources.learning_resource_id, department.department_id
    from {{ ref('int__learning_resources__unioned') }} as resources
    cross join lateral unnest(resources.departments) as department(department_id)
)

select links.learning_resource_id, cast(links.department_id as varchar) as department_id
from links
inner join {{ ref('departments') }} as d on d.department_id = links.department_id
