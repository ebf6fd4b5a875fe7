-- Parent → child links (LearningResourceRelationship); both ends must be resources (the app's fetch-only children).
with links as (
    select
        {{ learn_id(['parent_platform', 'parent_readable_id', 'parent_resource_type']) }} as parent_id,
        {{ learn_id(['child_platform', 'child_readable_id', 'child_resource_type']) }} as child_id,
        relation_type,
        min(position) as position
    from {{ ref('int__learning_resource_relationships__unioned') }}
    group by 1, 2, 3
)

select
    {{ learn_id(['links.parent_id', 'links.child_id', 'links.relation_type']) }} as id,
    links.parent_id,
    links.child_id,
    cast(links.position as integer) as position,
    links.relation_type
from links
inner join {{ ref('int__learning_resources__unioned') }} as parent on parent.learning_resource_id = links.parent_id
inner join {{ ref('int__learning_resources__unioned') }} as child on child.learning_resource_id = links.child_id
