{{ config(materialized='incremental', incremental_strategy='bad_strategy') }}

select 1 as id
