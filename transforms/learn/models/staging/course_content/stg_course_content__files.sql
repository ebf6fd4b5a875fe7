{{ config(materialized='table') }}
-- One row per content file of either stream (latest landed row per key), OLX archive files and OCW site files.
{% set cols = {
    'key': 'varchar', 'source': 'varchar', 'course_id': 'varchar', 'run_id': 'varchar', 'archive_key': 'varchar',
    'archive_checksum': 'varchar', 'source_path': 'varchar', 'title': 'varchar', 'file_type': 'varchar',
    'mime_type': 'varchar', 'content_type': 'varchar', 'checksum': 'varchar', 'text': 'varchar',
    'skipped_reason': 'varchar', 'deleted': 'boolean', 'source_last_modified': 'varchar', 'metadata': 'json'
} %}
with raw as (
    select 'course_archive_files' as stream, a.* from ({{ media_source('course_content', 'course_archive_files', cols) }}) as a
    union all
    select 'ocw_content_files' as stream, o.* from ({{ media_source('course_content', 'ocw_content_files', cols) }}) as o
),

latest as (
    select *, row_number() over (
        partition by stream, key order by _airbyte_extracted_at desc, _airbyte_raw_id desc
    ) as row_num
    from raw
    where key is not null
)

select
    stream,
    key,
    source,
    course_id,
    run_id,
    archive_key,
    archive_checksum,
    source_path,
    nullif(trim(title), '') as title,
    file_type,
    mime_type,
    content_type,
    checksum,
    text,
    skipped_reason,
    coalesce(deleted, false) as deleted,
    {{ media_ts('source_last_modified') }} as source_last_modified,
    metadata,
    _airbyte_extracted_at as extracted_at
from latest
where row_num = 1
