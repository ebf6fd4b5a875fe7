-- MITx Online program → course links in req_tree order (the connector walks the tree and numbers them).
with latest as (
    {{ learn_latest(source('mitxonline', 'program_courses'), ['program_id', 'course_id']) }}
)

select
    program_id,
    program_readable_id,
    course_id,
    course ->> 'readable_id' as course_readable_id,
    cast(position as integer) as position,
    via_program_id,
    _airbyte_extracted_at as extracted_at
from latest
