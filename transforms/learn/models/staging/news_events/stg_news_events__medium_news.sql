{{ config(materialized='table') }}
-- Medium MIT Open Learning stories, latest landed row per guid.
with raw as (
    {{ media_source('news_events', 'medium_news', {'guid': 'varchar', 'published_at': 'varchar', 'item': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by guid order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where guid is not null
)

select
    guid,
    {{ media_json_text('item', ['title']) }} as title,
    {{ media_json_text('item', ['link']) }} as url,
    {{ media_json_text('item', ['content:encoded']) }} as content_html,
    {{ media_json_text('item', ['description']) }} as summary_html,
    {{ media_json_text('item', ['dc:creator']) }} as author,
    {{ media_json_list('item', ['category']) }} as categories,
    {{ media_ts('published_at') }} as published_at,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
