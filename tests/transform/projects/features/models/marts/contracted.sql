{{ config(contract={'enforced': true}) }}
select
    cast(id as integer) as id,
    cast(region as varchar) as region
    {%- if var('break_contract', false) %}, 1 as extra{% endif %}
from {{ ref('stg_payments') }}
