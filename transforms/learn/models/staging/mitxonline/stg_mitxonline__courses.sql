-- MITx Online courses, one row per course id (newest landing), proctored exams left out.
with latest as (
    {{ learn_latest(source('mitxonline', 'courses'), ['id']) }}
)

select
    id as course_id,
    readable_id,
    title,
    page ->> 'description' as description,
    nullif(page ->> 'page_url', '') as page_url,
    coalesce((page ->> 'live') = 'true', false) as page_live,
    nullif(page ->> 'feature_image_src', '') as feature_image_src,
    coalesce(include_in_learn_catalog, false) as include_in_learn_catalog,
    coalesce(ingest_content_files_for_ai, false) as ingest_content_files_for_ai,
    availability,
    duration,
    time_commitment,
    certificate_type,
    cast(nullif(cast(min_price as varchar), 'null') as decimal(12, 2)) as min_price,
    cast(nullif(cast(max_price as varchar), 'null') as decimal(12, 2)) as max_price,
    {{ learn_json_pluck('topics', 'name') }} as topic_names,
    {{ learn_json_pluck('departments', 'name') }} as department_names,
    {{ learn_json_pluck("page -> 'instructors'", 'name') }} as instructor_names,
    courseruns,
    _airbyte_extracted_at as extracted_at
from latest
where upper(title) not like '%PROCTORED EXAM%'
