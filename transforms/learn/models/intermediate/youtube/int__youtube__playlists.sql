{{ config(materialized='table') }}
-- YouTube playlists as video_playlist resources; offered_by only when the config names a Learn offeror code.
select
    'youtube' as platform,
    p.playlist_id as readable_id,
    'video_playlist' as resource_type,
    p.channel_id,
    p.title,
    nullif(trim(p.description), '') as description,
    'https://www.youtube.com/playlist?list=' || p.playlist_id as url,
    p.image_url,
    p.title as image_alt,
    o.code as offered_by,
    p.extracted_at
from {{ ref('stg_youtube__playlists') }} as p
left join {{ ref('offerors') }} as o on o.code = p.offered_by
where p.title is not null
