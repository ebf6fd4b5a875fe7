-- xPRO course runs, unpacked from each course's `courseruns` list.
select
    c.readable_id as course_readable_id,
    r.value ->> 'courseware_id' as run_id,
    r.value ->> 'title' as title,
    {{ learn_ts_replace_utc("coalesce(r.value ->> 'start_date', r.value ->> 'enrollment_start')") }} as start_date,
    {{ learn_ts_replace_utc("r.value ->> 'end_date'") }} as end_date,
    {{ learn_ts_replace_utc("r.value ->> 'enrollment_start'") }} as enrollment_start,
    {{ learn_ts_replace_utc("r.value ->> 'enrollment_end'") }} as enrollment_end,
    cast(nullif(nullif(r.value ->> 'current_price', 'null'), '0') as decimal(12, 2)) as current_price,
    {{ learn_json_pluck("r.value -> 'instructors'", 'name') }} as instructor_names,
    c.extracted_at
from {{ ref('stg_xpro__courses') }} as c
cross join lateral {{ learn_json_elements('c.courseruns') }} with ordinality as r(value, n)
where r.value ->> 'courseware_id' is not null
