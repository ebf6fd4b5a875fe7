select count(*) as n from {{ ref('country_names') }}
