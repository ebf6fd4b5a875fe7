{{ config(materialized='table') }}
-- MIT Professional Education news, latest landed row per id.
with raw as (
    {{ media_source('news_events', 'mitpe_news', {'id': 'varchar', 'title': 'varchar', 'date': 'varchar', 'author': 'varchar', 'summary': 'varchar', 'image': 'varchar', 'url': 'varchar'}) }}
),

latest as (
    select *, row_number() over (partition by id order by _airbyte_extracted_at desc, _airbyte_raw_id desc) as row_num
    from raw
    where id is not null
)

select id, title, date as date_text, author, summary, nullif(trim(image), '') as image_path, url as url_path,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
