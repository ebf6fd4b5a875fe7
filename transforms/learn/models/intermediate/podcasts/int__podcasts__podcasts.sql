{{ config(materialized='table') }}
-- Podcasts in the app's terms: readable id = the rss_url without its scheme; title from the config, else the feed.
select
    'podcast' as platform,
    regexp_replace(p.rss_url, '^[A-Za-z][A-Za-z0-9+.-]*://', '') as readable_id,
    'podcast' as resource_type,
    coalesce(p.config_title, p.channel_title) as title,
    p.channel_description as description,
    p.website as url,
    p.image_url,
    o.code as offered_by,
    {{ learn_split('p.topics_text', ',') }} as topics,
    p.apple_podcasts_url,
    p.google_podcasts_url,
    p.rss_url,
    p.extracted_at
from {{ ref('stg_podcasts__podcasts') }} as p
left join {{ ref('offerors') }} as o on o.name = p.offered_by_name
where coalesce(p.config_title, p.channel_title) is not null
