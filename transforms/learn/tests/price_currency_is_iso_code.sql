-- Every price's currency is a three-letter ISO-4217 style code.
select *
from {{ ref('price') }}
where length(currency) <> 3 or upper(currency) <> currency
