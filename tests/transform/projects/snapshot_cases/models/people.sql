{{ config(materialized='view') }}
-- depends_on: {{ ref('people_v1') }}
-- depends_on: {{ ref('people_v2') }}

select id, first_name, nullif(email, '') as email, cast(updated_at as timestamp) as updated_at
from {{ ref(var('people', 'people_v1')) }}
