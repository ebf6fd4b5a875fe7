-- Course content files (ContentFile), one per stream and key, from the incremental intermediate. A file's run and
-- resource are the learning_resource_run of the same platform with the file's run id; when the catalog marts are
-- not built (a media-only selection), those ids stay null; once they are, only files with a known run are kept.
{%- set runs = ref('learning_resource_run') %}
{%- set resources = ref('learning_resource') %}
{%- set catalog_built = execute
    and adapter.get_relation(database=runs.database, schema=runs.schema, identifier=runs.identifier) is not none
    and adapter.get_relation(database=resources.database, schema=resources.schema, identifier=resources.identifier) is not none %}
with runs as (
    {%- if catalog_built %}
    select run_id, learning_resource_id, source_run_id, platform
    from (
        select r.id as run_id, r.learning_resource_id, r.run_id as source_run_id, lr.platform_id as platform,
            row_number() over (partition by lr.platform_id, r.run_id order by r.id) as row_num
        from {{ runs }} as r
        inner join {{ resources }} as lr on lr.id = r.learning_resource_id
    ) as ranked
    where row_num = 1
    {%- else %}
    select cast(null as bigint) as run_id, cast(null as bigint) as learning_resource_id,
        cast(null as varchar) as source_run_id, cast(null as varchar) as platform
    where 1 = 0
    {%- endif %}
)

select
    {{ learn_id(['f.stream', 'f.key']) }} as id,
    runs.run_id,
    -- the app's content_file has exactly one parent: the run when it is known
    cast(null as bigint) as learning_resource_id,
    cast(null as bigint) as direct_learning_resource_id,
    f.key,
    f.uid,
    f.title,
    f.description,
    f.url,
    f.image_src,
    f.file_type,
    f.content_type,
    f.content,
    cast(null as varchar) as content_title,
    cast(null as varchar) as content_author,
    cast(null as varchar) as content_language,
    f.published,
    f.archive_checksum,
    f.checksum,
    f.source_path,
    f.file_extension,
    cast(null as varchar) as edx_module_id,
    cast(null as varchar) as summary,
    cast(null as {{ 'jsonb' if target.type == 'postgres' else 'json' }}) as flashcards,
    cast(null as varchar) as duration,
    f.youtube_id
from {{ ref('int__course_content__content_files') }} as f
left join runs on runs.platform = f.platform and runs.source_run_id = f.source_run_id
{%- if catalog_built %}
-- with the catalog built, a file whose run is unknown has no parent the app could hold: it stays in the
-- intermediate model until its run is landed
where runs.run_id is not null
{%- endif %}
