-- Playlist detail rows (one per video_playlist resource) with the owning channel.
select
    {{ learn_id(['platform', 'readable_id', 'resource_type']) }} as learning_resource_id,
    p.channel_id,
    cast(null as bigint) as parent_learning_resource_id
from {{ ref('int__youtube__playlists') }} as p
