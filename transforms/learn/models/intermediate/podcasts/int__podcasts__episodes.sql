{{ config(materialized='table') }}
-- Episodes of the podcasts that made it into int__podcasts__podcasts: readable id = the guid, else the link (or
-- the enclosure url) without its scheme; image = the item's own, else the podcast's.
select
    'podcast' as platform,
    coalesce(e.guid, regexp_replace(coalesce(e.link, e.enclosure_url), '^[A-Za-z][A-Za-z0-9+.-]*://', '')) as readable_id,
    'podcast_episode' as resource_type,
    p.readable_id as podcast_readable_id,
    e.title,
    e.description,
    coalesce(e.link, e.enclosure_url) as url,
    coalesce(e.image_url, p.image_url) as image_url,
    p.offered_by,
    p.topics,
    e.published_at as last_modified,
    e.enclosure_url as audio_url,
    e.link as episode_link,
    {{ media_iso_duration('e.duration_text') }} as duration,
    e.rss,
    e.extracted_at
from {{ ref('stg_podcasts__episodes') }} as e
inner join {{ ref('int__podcasts__podcasts') }} as p on p.rss_url = e.podcast_rss_url
where e.title is not null
