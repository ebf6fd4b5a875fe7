{{ config(materialized='incremental', unique_key=[]) }}

select state, county, case when city = '' then null else city end as city, last_visit_date
from {{ source('raw', 'visits') }}
{% if is_incremental() %}
where last_visit_date > (select max(last_visit_date) from {{ this }})
{% endif %}
