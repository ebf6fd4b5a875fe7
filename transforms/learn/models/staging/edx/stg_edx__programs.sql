-- edX Discovery programs authored by MITx (not MicroMasters, active), one row per uuid (newest landing).
with latest as (
    {{ learn_latest(source('edx', 'programs'), ['uuid']) }}
)

select
    uuid as readable_id,
    title,
    subtitle,
    nullif(split_part(coalesce(marketing_url, ''), '?', 1), '') as marketing_url,
    banner_image -> 'medium' ->> 'url' as image_url,
    {{ learn_ts('data_modified_timestamp') }} as last_modified,
    {{ learn_json_pluck('courses', 'key') }} as course_keys,
    _airbyte_extracted_at as extracted_at
from latest
where ({{ learn_list_contains(learn_json_pluck('authoring_organizations', 'key'), "'MITx'") }} or {{ learn_list_contains(learn_json_pluck('authoring_organizations', 'key'), "'MITx_PRO'") }})
    and lower(type) not like '%micromasters%'
    and status = 'active'
