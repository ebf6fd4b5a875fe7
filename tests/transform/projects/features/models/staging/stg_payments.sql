-- depends_on: {{ ref('payments') }}
select id, region, amount, cast(paid_at as timestamp) as paid_at
from {{ source('raw', 'payments') }}
where amount >= {{ var('min_amount') }}
