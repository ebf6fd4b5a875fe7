-- Sloan Executive Education courses, one row per Course_Id (newest landing).
with latest as (
    {{ learn_latest(source('sloan', 'courses'), ['course_id']) }}
)

select
    course_id as readable_id,
    title,
    description,
    nullif(url, '') as url,
    nullif(image_src, '') as image_src,
    {{ learn_topic_leaf('topics') }} as topic_name,
    {{ learn_ts_eastern('sourcelastmodifieddate') }} as last_modified,
    _airbyte_extracted_at as extracted_at
from latest
