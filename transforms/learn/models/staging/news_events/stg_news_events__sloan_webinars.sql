{{ config(materialized='table') }}
-- MIT Sloan Executive Education webinars (Aura CMS content with content nodes), latest landed row per contentKey.
with raw as (
    {{ media_source('news_events', 'sloan_webinars', {'contentkey': 'varchar', 'title': 'varchar', 'contentnodes': 'json', 'associations': 'json'}) }}
),

latest as (
    select *, row_number() over (partition by contentkey order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where contentkey is not null and contentnodes is not null
)

select
    contentkey as content_key,
    title,
    {{ media_json_text('contentnodes', ['CTA_Button_URL', 'value']) }} as url,
    {{ media_json_text('contentnodes', ['Summary', 'value']) }} as summary_html,
    {{ media_json_text('contentnodes', ['Full_Webinar_Summary', 'value']) }} as content_html,
    {{ media_json_text('contentnodes', ['Card_Image', 'url']) }} as image_path,
    {{ media_json_text('contentnodes', ['Card_Image', 'altText']) }} as image_alt,
    trim({{ media_json_text('contentnodes', ['Image_Text', 'value']) }}) as date_text,
    {{ media_json_list('associations', ['topics'], ['name']) }} as topics,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
