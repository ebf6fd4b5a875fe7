-- MITx Online programs, one row per program id (newest landing).
with latest as (
    {{ learn_latest(source('mitxonline', 'programs'), ['id']) }}
)

select
    id as program_id,
    readable_id,
    title,
    page ->> 'description' as description,
    nullif(page ->> 'page_url', '') as page_url,
    coalesce((page ->> 'live') = 'true', false) as page_live,
    coalesce((page ->> 'include_in_learn_catalog') = 'true', false) as include_in_learn_catalog,
    nullif(page ->> 'feature_image_src', '') as feature_image_src,
    display_mode,
    availability,
    duration,
    time_commitment,
    cast(min_weeks as integer) as min_weeks,
    cast(max_weeks as integer) as max_weeks,
    certificate_type,
    cast(nullif(cast(min_price as varchar), 'null') as decimal(12, 2)) as min_price,
    cast(nullif(cast(max_price as varchar), 'null') as decimal(12, 2)) as max_price,
    {{ learn_ts_replace_utc('coalesce(start_date, enrollment_start)') }} as start_date,
    {{ learn_ts_replace_utc('end_date') }} as end_date,
    {{ learn_ts_replace_utc('enrollment_start') }} as enrollment_start,
    {{ learn_ts_replace_utc('enrollment_end') }} as enrollment_end,
    {{ learn_json_pluck('topics', 'name') }} as topic_names,
    {{ learn_json_pluck('departments', 'name') }} as department_names,
    {{ learn_json_pluck('enrollment_modes', 'mode_slug') }} as enrollment_modes,
    _airbyte_extracted_at as extracted_at
from latest
