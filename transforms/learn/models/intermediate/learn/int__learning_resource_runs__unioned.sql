-- Every source's runs, with the run's and its resource's stable ids.
with unioned as (
    {{ learn_union(learn_run_sources(), 'learning_resource_runs') }}
)

select
    {{ learn_id(['platform', 'readable_id', 'resource_type', 'run_id']) }} as learning_resource_run_id,
    {{ learn_id(['platform', 'readable_id', 'resource_type']) }} as learning_resource_id,
    unioned.*
from unioned
