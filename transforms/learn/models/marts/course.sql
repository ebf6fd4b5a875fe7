-- Course details (Course): the course numbers of every course resource.
select
    learning_resource_id,
    cast(coalesce(course_numbers, '[]') as {{ learn_json_type() }}) as course_numbers
from {{ ref('int__learning_resources__unioned') }}
where resource_type = 'course'
