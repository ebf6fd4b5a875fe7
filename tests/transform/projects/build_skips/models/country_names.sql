select name from {{ ref('stg_countries') }}
