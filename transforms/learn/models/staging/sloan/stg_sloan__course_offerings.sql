-- Sloan course offerings (runs), one row per (Course_Id, CO_Title), newest landing; feed order kept.
with latest as (
    {{ learn_latest(source('sloan', 'course_offerings'), ['course_id', 'co_title']) }}
)

select
    course_id,
    co_title as run_id,
    {{ learn_ts_eastern('start_date') }} as start_date,
    {{ learn_ts_eastern('end_date') }} as end_date,
    delivery,
    format,
    location,
    duration,
    time_commitment,
    cast(nullif(price, '') as decimal(12, 2)) as price,
    coalesce(nullif(currency, ''), 'USD') as currency,
    cast(nullif(continuing_ed_credits, '') as decimal(5, 2)) as continuing_ed_credits,
    {{ learn_split('faculty_name', ',') }} as instructor_names,
    _airbyte_extracted_at as extracted_at,
    _airbyte_raw_id as raw_id
from latest
