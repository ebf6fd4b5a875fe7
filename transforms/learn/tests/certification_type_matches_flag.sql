-- certification_type is 'none' exactly when the resource has no certificate; professional resources are certified.
select id, readable_id, certification, certification_type, professional
from {{ ref('learning_resource') }}
where (certification and certification_type = 'none')
    or (not certification and certification_type <> 'none')
    or (professional and resource_type in ('course', 'program') and not certification)
