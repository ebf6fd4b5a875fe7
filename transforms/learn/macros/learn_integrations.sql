{#-
  One integration view `integrations__learn__<source>_<entity>`: the published shape of the platform's
  integration models (readable_id, title, last_modified, etl_source, resource_type, description, url,
  image_url, and delimited topics / instructors / departments / courses / runs), from the marts.
-#}
{% macro learn_integration_view(etl_source, resource_type) -%}
with resources as (
    select *
    from {{ ref('learning_resource') }}
    where etl_source = '{{ etl_source }}' and resource_type = '{{ resource_type }}'
),

topics as (
    select rt.learning_resource_id, string_agg(t.name, '; ' order by t.name) as topics
    from {{ ref('resource_topic') }} as rt
    inner join {{ ref('topic') }} as t on t.id = rt.topic_id
    group by rt.learning_resource_id
),

instructors as (
    select r.learning_resource_id, string_agg(distinct i.full_name, '; ' order by i.full_name) as instructors
    from {{ ref('learning_resource_run') }} as r
    inner join {{ ref('run_instructor') }} as ri on ri.run_id = r.id
    inner join {{ ref('instructor') }} as i on i.id = ri.instructor_id
    group by r.learning_resource_id
),

departments as (
    select rd.learning_resource_id, string_agg(d.name, '; ' order by d.name) as departments
    from {{ ref('resource_department') }} as rd
    inner join {{ ref('department') }} as d on d.department_id = rd.department_id
    group by rd.learning_resource_id
),

courses as (
    select rel.parent_id, string_agg(child.readable_id, '; ' order by rel.position, child.readable_id) as courses
    from {{ ref('learning_resource_relationship') }} as rel
    inner join {{ ref('learning_resource') }} as child on child.id = rel.child_id
    where rel.relation_type in ('PROGRAM_COURSES', 'PLAYLIST_VIDEOS', 'PODCAST_EPISODES')
    group by rel.parent_id
),

runs as (
    select learning_resource_id, string_agg(run_id, '; ' order by start_date, run_id) as runs
    from {{ ref('learning_resource_run') }}
    group by learning_resource_id
)

select
    cast(resources.readable_id as varchar) as readable_id,
    cast(resources.title as varchar) as title,
    cast(coalesce(cast(resources.last_modified as varchar), '') as varchar) as last_modified,
    cast(resources.etl_source as varchar) as etl_source,
    cast(resources.resource_type as varchar) as resource_type,
    cast(resources.description as varchar) as description,
    cast(resources.url as varchar) as url,
    cast(image.url as varchar) as image_url,
    cast(topics.topics as varchar) as topics,
    cast(instructors.instructors as varchar) as instructors,
    cast(departments.departments as varchar) as departments,
    cast(courses.courses as varchar) as courses,
    cast(runs.runs as varchar) as runs
from resources
left join {{ ref('image') }} as image on image.id = resources.image_id
left join topics on topics.learning_resource_id = resources.id
left join instructors on instructors.learning_resource_id = resources.id
left join departments on departments.learning_resource_id = resources.id
left join courses on courses.parent_id = resources.id
left join runs on runs.learning_resource_id = resources.id
{%- endmacro %}
