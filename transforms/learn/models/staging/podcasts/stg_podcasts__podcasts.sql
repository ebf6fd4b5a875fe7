{{ config(materialized='table') }}
-- One row per podcast feed (latest landed row per rss_url), config and channel fields unpacked.
with raw as (
    {{ media_source('podcasts', 'podcasts', {'rss_url': 'varchar', 'config_path': 'varchar', 'config': 'json', 'channel': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by rss_url order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where rss_url is not null
)

select
    rss_url,
    config_path,
    nullif(trim({{ media_json_text('config', ['podcast_title']) }}), '') as config_title,
    nullif(trim({{ media_json_text('config', ['website']) }}), '') as website,
    nullif(trim({{ media_json_text('config', ['offered_by']) }}), '') as offered_by_name,
    nullif(trim({{ media_json_text('config', ['topics']) }}), '') as topics_text,
    {{ media_json_text('config', ['apple_podcasts_url']) }} as apple_podcasts_url,
    {{ media_json_text('config', ['google_podcasts_url']) }} as google_podcasts_url,
    {{ media_json_text('channel', ['title']) }} as channel_title,
    {{ media_json_text('channel', ['description']) }} as channel_description,
    nullif({{ media_json_text('channel', ['itunes:image', '@_href']) }}, '') as image_url,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
