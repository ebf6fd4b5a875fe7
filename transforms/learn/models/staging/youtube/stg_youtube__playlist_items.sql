{{ config(materialized='table') }}
-- One row per playlist item: which video sits in which playlist, at which position when the API gave one.
with raw as (
    {{ media_source('youtube', 'playlist_items', {'id': 'varchar', 'playlist_id': 'varchar', 'snippet': 'json', 'contentdetails': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by id order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where id is not null
)

select
    id as playlist_item_id,
    playlist_id,
    coalesce(
        {{ media_json_text('contentdetails', ['videoId']) }},
        {{ media_json_text('snippet', ['resourceId', 'videoId']) }}
    ) as video_id,
    cast({{ media_json_text('snippet', ['position']) }} as integer) as api_position,
    {{ media_ts(media_json_text('contentdetails', ['videoPublishedAt'])) }} as video_published_at,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
