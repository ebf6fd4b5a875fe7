{{ config(materialized='table') }}
-- One row per YouTube playlist with the config entry that selected it.
with raw as (
    {{ media_source('youtube', 'playlists', {'id': 'varchar', 'snippet': 'json', 'config': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by id order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where id is not null
)

select
    id as playlist_id,
    coalesce({{ media_json_text('config', ['channel_id']) }}, {{ media_json_text('snippet', ['channelId']) }}) as channel_id,
    {{ media_json_text('snippet', ['title']) }} as title,
    {{ media_json_text('snippet', ['description']) }} as description,
    {{ media_json_text('snippet', ['thumbnails', 'high', 'url']) }} as image_url,
    nullif(trim({{ media_json_text('config', ['offered_by']) }}), '') as offered_by,
    {{ media_ts(media_json_text('snippet', ['publishedAt'])) }} as published_at,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
