-- Resource ↔ topic links: each source topic name mapped through the offeror's topic mappings, or kept when
-- it is exactly a Learn topic; then every parent topic is added. MIT PE's names are not mapped (the app's
-- mitpe transform does not call transform_topics; its loader keeps the names that are Learn topics).
with names as (
    select
        resources.learning_resource_id,
        case when resources.etl_source = 'mitpe' then null else resources.offered_by end as offered_by,
        trim(topic.name) as name
    from {{ ref('int__learning_resources__unioned') }} as resources
    cross join lateral unnest(resources.topics) as topic(name)
),

mapped as (
    select names.learning_resource_id, mappings.topic_id
    from names
    inner join {{ ref('topic_mappings') }} as mappings
        on mappings.offeror_id = names.offered_by and mappings.topic_name = names.name
    union
    select names.learning_resource_id, topics.id
    from names
    inner join {{ ref('topics') }} as topics on topics.name = names.name
    where not exists (
        select 1 from {{ ref('topic_mappings') }} as m
        where m.offeror_id = names.offered_by and m.topic_name = names.name
    )
),

with_parents as (
    select learning_resource_id, topic_id from mapped
    union
    select mapped.learning_resource_id, topics.parent_id
    from mapped
    inner join {{ ref('topics') }} as topics on topics.id = mapped.topic_id
    where topics.parent_id is not null
)

select cast(learning_resource_id as bigint) as learning_resource_id, cast(topic_id as bigint) as topic_id
from with_parents
