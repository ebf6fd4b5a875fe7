-- Resource ↔ price links: the best run's prices of published, certified resources (as learning_resource.prices).
select distinct
    prices.learning_resource_id,
    {{ learn_id(['cast(prices.amount as decimal(12, 2))', 'prices.currency']) }} as price_id
from {{ ref('int__run_prices__unnested') }} as prices
inner join {{ ref('learning_resource') }} as resources
    on resources.id = prices.learning_resource_id and resources.published and resources.certification
where prices.best_run_rank = 1
