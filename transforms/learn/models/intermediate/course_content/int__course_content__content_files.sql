{{ config(materialized='incremental', unique_key=['stream', 'key']) }}
-- Content files of OLX archives and the OCW site, incremental on the raw `_airbyte_extracted_at`: a build merges
-- only the files landed since the last one. A file the connector reports deleted stays, unpublished.
select
    stream,
    key,
    case when source = 'ocw' then 'ocw' else 'edx' end as platform,
    course_id,
    run_id as source_run_id,
    {{ media_json_text('metadata', ['uid']) }} as uid,
    coalesce(title, {{ media_json_text('metadata', ['title']) }}) as title,
    coalesce({{ media_json_text('metadata', ['description']) }}, nullif({{ media_json_text('metadata', ['video_metadata', 'youtube_description']) }}, '')) as description,
    {{ media_json_text('metadata', ['file']) }} as url,
    nullif({{ media_json_text('metadata', ['video_files', 'video_thumbnail_file']) }}, '') as image_src,
    file_type,
    content_type,
    text as content,
    not deleted and skipped_reason is null as published,
    archive_checksum,
    checksum,
    source_path,
    file_type as file_extension,
    nullif({{ media_json_text('metadata', ['video_metadata', 'youtube_id']) }}, '') as youtube_id,
    extracted_at
from {{ ref('stg_course_content__files') }}
{% if is_incremental() %}
where extracted_at > (select coalesce(max(extracted_at), cast('1970-01-01T00:00:00Z' as timestamp with time zone)) from {{ this }})
{% endif %}
