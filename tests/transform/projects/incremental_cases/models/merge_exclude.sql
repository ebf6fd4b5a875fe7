{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge', merge_exclude_columns=['msg']) }}

{% if not is_incremental() %}
select 1 as id, 'hello' as msg, 'blue' as color
union all
select 2 as id, 'goodbye' as msg, 'red' as color
{% else %}
select 1 as id, 'hey' as msg, 'blue' as color
union all
select 2 as id, 'yo' as msg, 'green' as color
union all
select 3 as id, 'anyway' as msg, 'purple' as color
{% endif %}
