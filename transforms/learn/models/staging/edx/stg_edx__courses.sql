-- edX catalog courses owned by MITx or MITx_PRO, one row per course key (newest landing); deleted titles dropped.
with latest as (
    {{ learn_latest(source('edx', 'courses'), ['key']) }}
)

select
    key as readable_id,
    title,
    short_description,
    full_description,
    nullif(split_part(coalesce(marketing_url, ''), '?', 1), '') as marketing_url,
    image ->> 'src' as image_url,
    image ->> 'description' as image_description,
    {{ learn_json_pluck('subjects', 'name') }} as topic_names,
    {{ learn_ts('modified') }} as last_modified,
    course_runs,
    _airbyte_extracted_at as extracted_at
from latest
where ({{ learn_list_contains(learn_json_pluck('owners', 'key'), "'MITx'") }} or {{ learn_list_contains(learn_json_pluck('owners', 'key'), "'MITx_PRO'") }})
    and lower(trim(title)) not like '%[delete]%'
    and lower(trim(title)) not like '%(delete)%'
    and lower(trim(title)) not like '%delete %'
    and lower(trim(title)) <> 'delete'
