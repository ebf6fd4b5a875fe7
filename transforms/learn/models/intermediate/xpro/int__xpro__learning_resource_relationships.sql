-- xPRO program → course links (PROGRAM_COURSES), positioned by the program's course list.
select
    {{ learn_relationship_columns({
        'parent_platform': "'xpro'",
        'parent_readable_id': 'g.readable_id',
        'parent_resource_type': "'program'",
        'child_platform': "'xpro'",
        'child_readable_id': 'course.readable_id',
        'child_resource_type': "'course'",
        'relation_type': "'PROGRAM_COURSES'",
        'position': 'course.n - 1',
    }) }}
from {{ ref('stg_xpro__programs') }} as g
cross join lateral unnest(g.course_readable_ids) with ordinality as course(readable_id, n)
where g.platform_name = 'xPRO'
