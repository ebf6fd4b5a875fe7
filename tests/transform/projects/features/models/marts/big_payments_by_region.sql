{# reads an ephemeral model: it is inlined as a CTE #}
select region, count(*) as n, sum(amount) as total
from {{ ref('big_payments') }}
group by region
