-- Podcasts and their episodes in the canonical resource shape (models/intermediate/README.md).
with resources as (
    select platform, readable_id, resource_type, offered_by, title, description, url, image_url, topics,
        cast(null as timestamp with time zone) as last_modified, extracted_at
    from {{ ref('int__podcasts__podcasts') }}
    union all
    select platform, readable_id, resource_type, offered_by, title, description, url, image_url, topics,
        last_modified, extracted_at
    from {{ ref('int__podcasts__episodes') }}
)

select
    platform,
    readable_id,
    resource_type,
    'podcast' as etl_source,
    offered_by,
    title,
    description,
    cast(null as varchar) as full_description,
    url,
    image_url,
    cast(null as varchar) as image_alt,
    cast(null as varchar) as image_description,
    cast(null as varchar) as resource_category,
    cast(null as text[]) as languages,
    last_modified,
    true as published,
    false as test_mode,
    false as professional,
    false as certification,
    'none' as certification_type,
    false as license_cc,
    {{ learn_empty_list() }} as delivery,
    {{ learn_empty_list() }} as pace,
    {{ learn_empty_list() }} as format,
    'anytime' as availability,
    cast(null as varchar) as location,
    cast(null as varchar) as duration,
    cast(null as integer) as min_weeks,
    cast(null as integer) as max_weeks,
    cast(null as varchar) as time_commitment,
    cast(null as integer) as min_weekly_hours,
    cast(null as integer) as max_weekly_hours,
    cast(null as decimal(5,2)) as continuing_ed_credits,
    topics,
    {{ learn_empty_list() }} as departments,
    {{ learn_empty_list() }} as ocw_topics,
    cast(null as varchar) as course_numbers,
    false as has_runs,
    extracted_at
from resources
