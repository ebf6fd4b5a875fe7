{{ config(materialized='table') }}
-- YouTube channels (VideoChannel): published, etl_source youtube.
select channel_id, title, true as published, 'youtube' as etl_source, offered_by, extracted_at
from {{ ref('stg_youtube__channels') }}
where title is not null
