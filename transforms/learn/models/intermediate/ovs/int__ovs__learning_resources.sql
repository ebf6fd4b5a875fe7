-- OVS videos, and one video_playlist per collection, in the canonical shape (platform ovs, no offeror).
select
    {{ learn_resource_columns({
        'platform': "'ovs'",
        'readable_id': 'video_key',
        'resource_type': "'video'",
        'etl_source': "'ovs'",
        'title': 'title',
        'description': 'description',
        'url': "coalesce(case when cta_link like 'https://%' then cta_link end, '" ~ var('ovs_base_url') ~ "/videos/' || video_key)",
        'image_url': 'thumbnail_url',
        'resource_category': "case when for_shorts then 'Video Short' end",
        'last_modified': learn_ts('created_at'),
        'published': 'true',
        'availability': "'anytime'",
        'has_runs': 'false',
        'extracted_at': 'extracted_at',
    }) }}
from {{ ref('stg_ovs__videos') }}

union all

select
    {{ learn_resource_columns({
        'platform': "'ovs'",
        'readable_id': 'collection_key',
        'resource_type': "'video_playlist'",
        'etl_source': "'ovs'",
        'title': 'max(collection_title)',
        'description': 'max(collection_description)',
        'url': "'" ~ var('ovs_base_url') ~ "/collections/' || collection_key",
        'published': 'true',
        'has_runs': 'false',
        'extracted_at': 'max(extracted_at)',
    }) }}
from {{ ref('stg_ovs__videos') }}
group by collection_key
