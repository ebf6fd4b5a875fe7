{{ config(materialized='table') }}
-- Open Learning events (Drupal JSON:API nodes with their related terms), latest landed row per id.
with raw as (
    {{ media_source('news_events', 'ol_events', {'id': 'varchar', 'attributes': 'json', 'related': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by id order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where id is not null
)

select
    id,
    {{ media_json_text('attributes', ['title']) }} as title,
    {{ media_json_text('attributes', ['path', 'alias']) }} as path_alias,
    coalesce({{ media_json_text('attributes', ['body', 'value']) }}, '') as body_html,
    {{ media_json_text('attributes', ['field_event_date', 'value']) }} as event_date_text,
    {{ media_json_text('related', ['field_event_image', 0, 'related', 'field_media_image', 0, 'attributes', 'uri', 'url']) }} as image_path,
    {{ media_json_text('related', ['field_event_image', 0, 'relationships', 'field_media_image', 'data', 'meta', 'alt']) }} as image_alt,
    {{ media_json_text('related', ['field_event_image', 0, 'relationships', 'field_media_image', 'data', 'meta', 'title']) }} as image_title,
    {{ media_json_list('related', ['field_location_tag'], ['attributes', 'name']) }} as locations,
    {{ media_json_list('related', ['field_event_audience'], ['attributes', 'name']) }} as audiences,
    {{ media_json_list('related', ['field_event_category'], ['attributes', 'name']) }} as event_types,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
