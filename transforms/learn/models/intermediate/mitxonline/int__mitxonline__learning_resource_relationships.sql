-- MITx Online program → course links (PROGRAM_COURSES), positioned in req_tree order.
select
    {{ learn_relationship_columns({
        'parent_platform': "'mitxonline'",
        'parent_readable_id': 'program_readable_id',
        'parent_resource_type': "'program'",
        'child_platform': "'mitxonline'",
        'child_readable_id': 'course_readable_id',
        'child_resource_type': "'course'",
        'relation_type': "'PROGRAM_COURSES'",
        'position': 'position',
    }) }}
from {{ ref('stg_mitxonline__program_courses') }}
where course_readable_id is not null
