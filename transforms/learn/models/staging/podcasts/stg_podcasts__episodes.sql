{{ config(materialized='table') }}
-- One row per episode (latest landed row per feed and episode id), item fields unpacked.
with raw as (
    {{ media_source('podcasts', 'episodes', {'podcast_rss_url': 'varchar', 'episode_id': 'varchar', 'published_at': 'varchar', 'item': 'json', 'rss': 'varchar'}) }}
),

latest as (
    select *, row_number() over (
        partition by podcast_rss_url, episode_id order by _airbyte_extracted_at desc, _airbyte_raw_id desc
    ) as row_num
    from raw
    where podcast_rss_url is not null and episode_id is not null
)

select
    podcast_rss_url,
    episode_id,
    nullif(trim(coalesce({{ media_json_text('item', ['guid', '#text']) }}, {{ media_json_text('item', ['guid']) }})), '') as guid,
    {{ media_json_text('item', ['title']) }} as title,
    {{ media_json_text('item', ['description']) }} as description,
    nullif(trim({{ media_json_text('item', ['link']) }}), '') as link,
    nullif(trim({{ media_json_text('item', ['enclosure', '@_url']) }}), '') as enclosure_url,
    nullif({{ media_json_text('item', ['itunes:image', '@_href']) }}, '') as image_url,
    nullif(trim({{ media_json_text('item', ['itunes:duration']) }}), '') as duration_text,
    {{ media_ts('published_at') }} as published_at,
    rss,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
