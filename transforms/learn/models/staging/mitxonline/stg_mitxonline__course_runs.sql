-- MITx Online course runs, unpacked from each course's `courseruns` list.
select
    c.course_id,
    c.readable_id as course_readable_id,
    cast(r.n as integer) as run_position,
    r.value ->> 'courseware_id' as run_id,
    r.value ->> 'title' as title,
    r.value -> 'page' ->> 'description' as description,
    nullif(r.value -> 'page' ->> 'feature_image_src', '') as feature_image_src,
    {{ learn_ts_replace_utc("coalesce(r.value ->> 'start_date', r.value ->> 'enrollment_start')") }} as start_date,
    {{ learn_ts_replace_utc("r.value ->> 'end_date'") }} as end_date,
    {{ learn_ts_replace_utc("r.value ->> 'enrollment_start'") }} as enrollment_start,
    {{ learn_ts_replace_utc("r.value ->> 'enrollment_end'") }} as enrollment_end,
    coalesce((r.value ->> 'is_enrollable') = 'true', false) as is_enrollable,
    coalesce((r.value ->> 'is_self_paced') = 'true', false) as is_self_paced,
    coalesce(r.value ->> 'published', 'true') <> 'false' as upstream_published,
    coalesce(r.value ->> 'b2b_contract', 'null') not in ('null', 'false', '', '0') as is_b2b,
    r.value ->> 'course_number' as course_number,
    {{ learn_json_pluck("r.value -> 'enrollment_modes'", 'mode_slug') }} as enrollment_modes,
    c.extracted_at
from {{ ref('stg_mitxonline__courses') }} as c
cross join lateral {{ learn_json_elements('c.courseruns') }} with ordinality as r(value, n)
where r.value ->> 'courseware_id' is not null
