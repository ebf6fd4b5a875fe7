-- edX course runs, unpacked from each course's `course_runs`.
select
    c.readable_id as course_readable_id,
    r.value ->> 'key' as run_id,
    r.value ->> 'title' as title,
    r.value ->> 'short_description' as short_description,
    r.value ->> 'full_description' as full_description,
    nullif(split_part(coalesce(r.value ->> 'marketing_url', ''), '?', 1), '') as marketing_url,
    r.value -> 'image' ->> 'src' as image_url,
    {{ learn_ts("coalesce(r.value ->> 'start', r.value ->> 'enrollment_start')") }} as start_date,
    {{ learn_ts("r.value ->> 'end'") }} as end_date,
    {{ learn_ts("r.value ->> 'enrollment_start'") }} as enrollment_start,
    {{ learn_ts("r.value ->> 'enrollment_end'") }} as enrollment_end,
    {{ learn_ts("r.value ->> 'modified'") }} as modified,
    (r.value ->> 'status') = 'published' and coalesce((r.value ->> 'is_enrollable') = 'true', false) as published,
    r.value ->> 'availability' as availability_text,
    coalesce(nullif(r.value ->> 'pacing_type', ''), 'self_paced') as pacing_type,
    r.value ->> 'level_type' as level_type,
    nullif(r.value ->> 'content_language', '') as content_language,
    cast(nullif(r.value ->> 'weeks_to_complete', 'null') as integer) as weeks_to_complete,
    cast(nullif(r.value ->> 'min_effort', 'null') as integer) as min_effort,
    cast(nullif(r.value ->> 'max_effort', 'null') as integer) as max_effort,
    r.value -> 'seats' as seats,
    r.value -> 'staff' as staff,
    c.extracted_at
from {{ ref('stg_edx__courses') }} as c
cross join lateral {{ learn_json_elements('c.course_runs') }} with ordinality as r(value, n)
where r.value ->> 'key' is not null
    and lower(trim(coalesce(r.value ->> 'title', ''))) not like '%[delete]%'
    and lower(trim(coalesce(r.value ->> 'title', ''))) not like '%(delete)%'
