-- Run ↔ price links (LearningResourceRun.resource_prices).
select distinct
    learning_resource_run_id as run_id,
    {{ learn_id(['cast(amount as decimal(12, 2))', 'currency']) }} as price_id
from {{ ref('int__run_prices__unnested') }}
