-- Every source's resources, in the canonical shape, with their stable ids.
with unioned as (
    {{ learn_union(learn_resource_sources(), 'learning_resources') }}
)

select
    {{ learn_id(['platform', 'readable_id', 'resource_type']) }} as learning_resource_id,
    unioned.*
from unioned
