-- OVS collection → video links (PLAYLIST_VIDEOS), in feed order.
select
    {{ learn_relationship_columns({
        'parent_platform': "'ovs'",
        'parent_readable_id': 'collection_key',
        'parent_resource_type': "'video_playlist'",
        'child_platform': "'ovs'",
        'child_readable_id': 'video_key',
        'child_resource_type': "'video'",
        'relation_type': "'PLAYLIST_VIDEOS'",
        'position': 'row_number() over (partition by collection_key order by created_at, video_key) - 1',
    }) }}
from {{ ref('stg_ovs__videos') }}
