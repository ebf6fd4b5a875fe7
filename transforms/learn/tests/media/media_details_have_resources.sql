-- depends_on: {{ ref('podcast') }}, {{ ref('podcast_episode') }}, {{ ref('video_playlist') }}, {{ ref('content_file') }}
-- Every podcast, episode and playlist detail row, and every content file's run, belongs to a learning resource
-- row of the right type (the union marts). Checked when those marts are built; empty for a media-only selection.
{%- set resources = ref('learning_resource') %}
{%- set runs = ref('learning_resource_run') %}
{%- set built = execute
    and adapter.get_relation(database=resources.database, schema=resources.schema, identifier=resources.identifier) is not none
    and adapter.get_relation(database=runs.database, schema=runs.schema, identifier=runs.identifier) is not none %}
{% if built %}
with details as (
    select learning_resource_id, 'podcast' as resource_type from {{ ref('podcast') }}
    union all
    select learning_resource_id, 'podcast_episode' from {{ ref('podcast_episode') }}
    union all
    select learning_resource_id, 'video_playlist' from {{ ref('video_playlist') }}
)

select 'detail without resource' as problem, cast(d.learning_resource_id as varchar) as value
from details as d
left join {{ resources }} as r on r.id = d.learning_resource_id and r.resource_type = d.resource_type
where r.id is null
union all
select 'content file run unknown', cast(f.id as varchar)
from {{ ref('content_file') }} as f
left join {{ runs }} as r on r.id = f.run_id
where f.run_id is not null and r.id is null
{% else %}
select 'unchecked' as problem, cast(null as varchar) as value
where 1 = 0
{% endif %}
