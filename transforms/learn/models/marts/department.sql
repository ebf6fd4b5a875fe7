-- Departments (LearningResourceDepartment), from the app's seed.
select
    cast(department_id as varchar) as department_id,
    cast(name as varchar) as name,
    cast(school_id as bigint) as school_id
from {{ ref('departments') }}
