{{ config(materialized='table') }}
-- PLAYLIST_VIDEOS: each playlist to the videos the API returned, in the API's position when it gave one,
-- else by the video's publish time (the recorded playlistItems pages carry no snippet.position).
select
    'youtube' as parent_platform,
    i.playlist_id as parent_readable_id,
    'video_playlist' as parent_resource_type,
    'youtube' as child_platform,
    v.readable_id as child_readable_id,
    'video' as child_resource_type,
    'PLAYLIST_VIDEOS' as relation_type,
    cast(row_number() over (
        partition by i.playlist_id
        order by i.api_position nulls last, i.video_published_at nulls last, i.video_id
    ) - 1 as integer) as position
from {{ ref('stg_youtube__playlist_items') }} as i
inner join {{ ref('int__youtube__playlists') }} as p on p.readable_id = i.playlist_id
inner join {{ ref('int__youtube__videos') }} as v on v.readable_id = i.video_id
