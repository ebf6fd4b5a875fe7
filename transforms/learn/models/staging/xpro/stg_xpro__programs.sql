-- xPRO programs, one row per readable id (newest landing), with their course ids in order.
with latest as (
    {{ learn_latest(source('xpro', 'programs'), ['readable_id']) }}
)

select
    readable_id,
    title,
    description,
    url,
    thumbnail_url,
    platform as platform_name,
    format as delivery_text,
    availability,
    duration,
    time_commitment,
    cast(nullif(credits, '') as decimal(5, 2)) as continuing_ed_credits,
    cast(nullif(current_price, 0) as decimal(12, 2)) as current_price,
    {{ learn_ts_replace_utc('coalesce(start_date, enrollment_start)') }} as start_date,
    {{ learn_ts_replace_utc('end_date') }} as end_date,
    {{ learn_ts_replace_utc('enrollment_start') }} as enrollment_start,
    {{ learn_list_map(learn_json_pluck('topics', 'name'), learn_topic_leaf('x')) }} as topic_names,
    {{ learn_json_pluck('instructors', 'name') }} as instructor_names,
    {{ learn_json_pluck('courses', 'readable_id') }} as course_readable_ids,
    _airbyte_extracted_at as extracted_at
from latest
