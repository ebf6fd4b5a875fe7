select * from {{ ref('country_report') }} where n = 0
