{{ config(materialized='view') }}
-- depends_on: {{ ref('check_base') }} {{ ref('check_added') }} {{ ref('check_date_changed') }} {{ ref('check_name_changed') }}

select id, name, cast(some_date as timestamp) as some_date
from {{ ref(var('check', 'check_base')) }}
