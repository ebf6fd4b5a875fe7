-- Program details (Program): one row per program resource (its courses are relationships).
select learning_resource_id
from {{ ref('int__learning_resources__unioned') }}
where resource_type = 'program'
