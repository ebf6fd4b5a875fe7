-- MIT Professional Education courses and programs, one row per uuid; the pipe-delimited fields split into lists.
with latest as (
    {{ learn_latest(source('mitpe', 'courses'), ['uuid']) }}
)

select
    uuid as readable_id,
    {{ learn_html_unescape('trim(title)') }} as title,
    url as url_path,
    description,
    learning_format,
    case
        when nullif(trim(resource_type), '') is not null then lower(trim(resource_type))
        when {{ learn_list_contains(learn_split('course_certificate', '|'), "'Certificate of Completion'") }} then 'course'
        else 'program'
    end as resource_type,
    {{ learn_list_map(learn_split('topics', '|'), learn_html_unescape('x')) }} as topic_names,
    nullif(image__src, '') as image_src,
    image__alt as image_alt,
    {{ learn_list_map(learn_split('courses', '|'), learn_html_unescape('x')) }} as course_titles,
    {{ learn_split('run__readable_id', '|') }} as run_ids,
    string_to_array(coalesce(start_date, ''), '|') as start_dates,
    string_to_array(coalesce(end_date, ''), '|') as end_dates,
    string_to_array(coalesce(enrollment_end_date, ''), '|') as enrollment_end_dates,
    nullif(regexp_replace(coalesce(price, ''), '[^0-9\\.]', '', 'g'), '') as price_text,
    {{ learn_list_map(learn_split('lead_instructors', '|'), learn_html_unescape('x')) }} as lead_instructor_names,
    {{ learn_list_map(learn_split('instructors', '|'), learn_html_unescape('x')) }} as instructor_names,
    location,
    duration,
    _airbyte_extracted_at as extracted_at
from latest
