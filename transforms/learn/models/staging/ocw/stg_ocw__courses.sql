{{ config(materialized='incremental', unique_key='object_key', incremental_strategy='delete+insert') }}
-- OCW courses (`courses/<slug>/data.json`), one row per object key (newest landing); nested lists unpacked.
-- Incremental: a run reads only the rows landed after the newest one already here (the connector re-lands
-- just the changed objects), and replaces those keys.
with landed as (
    select *
    from {{ source('ocw', 'courses') }}
    {% if is_incremental() %}
    where _airbyte_extracted_at > (select coalesce(max(extracted_at), cast('1970-01-01' as timestamp with time zone)) from {{ this }})
    {% endif %}
),

latest as (
    {{ learn_latest('landed', ['ab_source_file_url']) }}
)

select
    latest.ab_source_file_url as object_key,
    regexp_replace(latest.ab_source_file_url, '/data\.json$', '') as url_path,
    latest.course_title as title,
    latest.course_description_html as description_html,
    nullif(latest.legacy_uid, '') as legacy_uid,
    nullif(latest.site_uid, '') as site_uid,
    latest.primary_course_number,
    latest.extra_course_numbers,
    nullif(latest.term, '') as term,
    nullif(latest.year, '') as year,
    latest.image_src,
    latest.course_image_metadata ->> 'description' as image_description,
    latest.course_image_metadata -> 'image_metadata' ->> 'image-alt' as image_alt,
    coalesce(latest.hide_download, false) as hide_download,
    {{ learn_json_string_list('latest.department_numbers') }} as department_numbers,
    {{ learn_json_string_list('latest.learning_resource_types') }} as content_tags,
    {{ learn_json_string_list('latest.level') }} as level_labels,
    latest.instructors,
    latest.topics,
    latest.mit_learn_topics,
    {{ learn_ts('latest.ab_source_file_last_modified') }} as last_modified,
    latest._airbyte_extracted_at as extracted_at
from latest
where coalesce(nullif(latest.legacy_uid, ''), nullif(latest.site_uid, '')) is not null
