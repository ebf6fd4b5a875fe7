{{ config(materialized='table') }}
-- YouTube playlists and videos in the canonical resource shape (models/intermediate/README.md).
with resources as (
    select platform, readable_id, resource_type, offered_by, title, description, url, image_url, image_alt,
        cast(null as timestamp with time zone) as last_modified, cast(null as varchar) as duration, extracted_at
    from {{ ref('int__youtube__playlists') }}
    union all
    select platform, readable_id, resource_type, offered_by, title, description, url, image_url,
        cast(null as varchar) as image_alt, last_modified, duration, extracted_at
    from {{ ref('int__youtube__videos') }}
)

select {{ learn_resource_columns({
    'platform': 'platform',
    'readable_id': 'readable_id',
    'resource_type': 'resource_type',
    'etl_source': "'youtube'",
    'offered_by': 'offered_by',
    'title': 'title',
    'description': 'description',
    'url': 'url',
    'image_url': 'image_url',
    'image_alt': 'image_alt',
    'last_modified': 'last_modified',
    'published': 'true',
    'test_mode': 'false',
    'professional': 'false',
    'certification': 'false',
    'certification_type': "'none'",
    'license_cc': 'false',
    'delivery': learn_empty_list(),
    'pace': learn_empty_list(),
    'format': learn_empty_list(),
    'availability': "'anytime'",
    'duration': 'duration',
    'topics': learn_empty_list(),
    'departments': learn_empty_list(),
    'ocw_topics': learn_empty_list(),
    'has_runs': 'false',
    'extracted_at': 'extracted_at',
}) }}
from resources
