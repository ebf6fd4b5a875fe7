-- One row per (run, price) after the loader's price rules; USD unless the source says otherwise.
select
    runs.learning_resource_run_id,
    runs.learning_resource_id,
    runs.best_run_rank,
    coalesce(runs.currency, 'USD') as currency,
    price.amount
from {{ ref('int__learning_resource_runs__priced') }} as runs
cross join lateral unnest(runs.effective_prices) as price(amount)
