-- xPRO courses, one row per readable id (newest landing).
with latest as (
    {{ learn_latest(source('xpro', 'courses'), ['readable_id']) }}
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
    cast(min_weeks as integer) as min_weeks,
    cast(max_weeks as integer) as max_weeks,
    cast(min_weekly_hours as integer) as min_weekly_hours,
    cast(max_weekly_hours as integer) as max_weekly_hours,
    cast(nullif(credits, '') as decimal(5, 2)) as continuing_ed_credits,
    {{ learn_list_map(learn_json_pluck('topics', 'name'), learn_topic_leaf('x')) }} as topic_names,
    courseruns,
    _airbyte_extracted_at as extracted_at
from latest
