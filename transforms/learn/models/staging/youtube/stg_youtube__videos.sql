{{ config(materialized='table') }}
-- One row per YouTube video.
with raw as (
    {{ media_source('youtube', 'videos', {'id': 'varchar', 'snippet': 'json', 'contentdetails': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by id order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where id is not null
)

select
    id as video_id,
    {{ media_json_text('snippet', ['channelId']) }} as channel_id,
    coalesce({{ media_json_text('snippet', ['localized', 'title']) }}, {{ media_json_text('snippet', ['title']) }}) as title,
    {{ media_json_text('snippet', ['description']) }} as description,
    {{ media_json_text('snippet', ['thumbnails', 'high', 'url']) }} as image_url,
    {{ media_json_text('snippet', ['publishedAt']) }} as published_at_text,
    {{ media_json_text('contentdetails', ['duration']) }} as duration,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
