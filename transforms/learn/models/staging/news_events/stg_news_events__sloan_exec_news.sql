{{ config(materialized='table') }}
-- MIT Sloan Executive Education blog posts (Aura CMS content), latest landed row per managedContentId.
with raw as (
    {{ media_source('news_events', 'sloan_exec_news', {'managedcontentid': 'varchar', 'title': 'varchar', 'publisheddate': 'varchar', 'contenturlname': 'varchar', 'contentnodes': 'json', 'associations': 'json'}) }}
),

latest as (
    select *, row_number() over (
        partition by managedcontentid order by _airbyte_extracted_at desc, _airbyte_raw_id desc
    ) as row_num
    from raw
    where managedcontentid is not null
)

select
    managedcontentid as content_id,
    title,
    contenturlname as url_name,
    {{ media_json_text('contentnodes', ['Summary', 'value']) }} as summary_html,
    {{ media_json_text('contentnodes', ['First_Section_Content', 'value']) }} as content_html,
    {{ media_json_text('contentnodes', ['Featured_Image', 'url']) }} as image_path,
    {{ media_json_text('contentnodes', ['Featured_Image', 'altText']) }} as image_alt,
    {{ media_json_text('contentnodes', ['Quote_Author', 'value']) }} as author,
    {{ media_json_list('associations', ['topics'], ['name']) }} as topics,
    publisheddate as published_date_text,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
