{{ config(materialized='ephemeral') }}
select * from {{ ref('stg_payments') }} where amount >= 50
