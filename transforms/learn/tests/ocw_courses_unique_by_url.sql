-- OCW courses are keyed by url in the app (its loader upserts on url): one course per url.
select url, count(*) as n
from {{ ref('learning_resource') }}
where platform_id = 'ocw' and resource_type = 'course'
group by url
having count(*) > 1 or url is null
