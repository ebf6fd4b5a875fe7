{{ config(schema='analytics') }}
select 1 as id
