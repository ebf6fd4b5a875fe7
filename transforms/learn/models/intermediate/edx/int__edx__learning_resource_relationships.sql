-- edX program → course links (PROGRAM_COURSES), positioned by the program's course list.
select
    {{ learn_relationship_columns({
        'parent_platform': "'edx'",
        'parent_readable_id': 'p.readable_id',
        'parent_resource_type': "'program'",
        'child_platform': "'edx'",
        'child_readable_id': 'course.key',
        'child_resource_type': "'course'",
        'relation_type': "'PROGRAM_COURSES'",
        'position': 'course.n - 1',
    }) }}
from {{ ref('stg_edx__programs') }} as p
cross join lateral unnest(p.course_keys) with ordinality as course(key, n)
