-- Open Learning Library courses from the metadata sheet, one row per run readable id (newest landing).
with latest as (
    {{ learn_latest(source('oll', 'courses'), ['readable_id']) }}
)

select
    readable_id as run_id,
    oll_course,
    offered_by,
    title,
    url,
    description,
    published = 'YES' as published,
    license_cc = 'YES' as license_cc,
    {{ learn_list_compact('cast(array[nullif(trim(mitxo_primary_child), \'\'), nullif(replace(trim(mitxo_adopted_secondary_child), \'Educational Policy\', \'Education Policy\'), \'\')] as text[])') }} as topic_names,
    {{ learn_list_compact('cast(array[nullif(trim(instructor_1), \'\'), nullif(trim(instructor_2), \'\'), nullif(trim(instructor_3), \'\'), nullif(trim(instructor_4), \'\'), nullif(trim(instructor_5), \'\'), nullif(trim(instructor_6), \'\')] as text[])') }} as instructor_names,
    level,
    nullif(course_image_url_flat, '') as image_url,
    cast(ceil(cast(nullif(duration, '') as double precision)) as integer) as duration_weeks,
    cast(ceil(cast(nullif(student_effort, '') as double precision)) as integer) as effort_hours,
    coalesce(
        {{ learn_regexp_extract('readable_id', '([123])T([0-9]{4})', 2) }},
        {{ learn_regexp_extract('readable_id', '([0-9]{4})_(Spring|Summer|Fall|Winter)', 1) }}
    ) as run_year,
    coalesce(
        case {{ learn_regexp_extract('readable_id', '([123])T([0-9]{4})', 1) }}
            when '1' then 'Spring' when '2' then 'Summer' when '3' then 'Fall'
        end,
        {{ learn_regexp_extract('readable_id', '([0-9]{4})_(Spring|Summer|Fall|Winter)', 2) }}
    ) as run_semester,
    _airbyte_extracted_at as extracted_at
from latest
where readable_id <> 'OCW+18.031+2019_Spring'
