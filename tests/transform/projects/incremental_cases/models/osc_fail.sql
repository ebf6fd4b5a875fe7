{{ config(materialized='incremental', unique_key='id', on_schema_change='fail') }}

{% if is_incremental() %}
select id, field1, field2, field3, field4 from {{ ref('model_a') }}
where id not in (select id from {{ this }})
{% else %}
select id, field1, field2 from {{ ref('model_a') }} where id <= 3
{% endif %}
