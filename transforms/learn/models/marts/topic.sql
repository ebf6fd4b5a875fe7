-- Learn topics (LearningResourceTopic), a two-level tree, from the app's seed.
select
    cast(id as bigint) as id,
    cast(topic_uuid as uuid) as topic_uuid,
    cast(name as varchar) as name,
    cast(parent_id as bigint) as parent_id,
    cast(icon as varchar) as icon
from {{ ref('topics') }}
