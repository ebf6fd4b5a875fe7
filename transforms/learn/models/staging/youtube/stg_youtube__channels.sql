{{ config(materialized='table') }}
-- One row per YouTube channel with its config entry (offered_by, create_videos).
with raw as (
    {{ media_source('youtube', 'channels', {'id': 'varchar', 'snippet': 'json', 'config': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by id order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where id is not null
)

select
    id as channel_id,
    {{ media_json_text('snippet', ['title']) }} as title,
    nullif(trim({{ media_json_text('config', ['offered_by']) }}), '') as offered_by,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
