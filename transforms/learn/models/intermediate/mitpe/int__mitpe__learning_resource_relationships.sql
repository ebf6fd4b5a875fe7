-- MIT PE program → course links: the program's course titles matched to the feed's courses by title.
select
    {{ learn_relationship_columns({
        'parent_platform': "'mitpe'",
        'parent_readable_id': 'program.readable_id',
        'parent_resource_type': "'program'",
        'child_platform': "'mitpe'",
        'child_readable_id': 'course.readable_id',
        'child_resource_type': "'course'",
        'relation_type': "'PROGRAM_COURSES'",
        'position': 'titles.n - 1',
    }) }}
from {{ ref('stg_mitpe__courses') }} as program
cross join lateral unnest(program.course_titles) with ordinality as titles(title, n)
inner join {{ ref('stg_mitpe__courses') }} as course
    on course.title = titles.title and course.resource_type = 'course'
where program.resource_type = 'program'
