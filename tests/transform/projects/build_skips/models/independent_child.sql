select id from {{ ref('independent') }}
