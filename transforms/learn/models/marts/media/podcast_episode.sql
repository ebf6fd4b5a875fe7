-- Episode detail rows (one per podcast_episode resource).
select
    {{ learn_id(['platform', 'readable_id', 'resource_type']) }} as learning_resource_id,
    audio_url,
    episode_link,
    duration,
    cast(null as varchar) as transcript,
    rss
from {{ ref('int__podcasts__episodes') }}
