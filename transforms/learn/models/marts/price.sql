-- Prices (LearningResourcePrice), one per (amount, currency).
with prices as (
    select distinct cast(amount as decimal(12, 2)) as amount, currency
    from {{ ref('int__run_prices__unnested') }}
)

select
    {{ learn_id(['amount', 'currency']) }} as id,
    amount,
    currency
from prices
