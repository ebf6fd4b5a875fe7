-- Every resource whose readable id is on the blocklist is unpublished (and the fixtures' blocked one exists).
select r.id, r.readable_id, r.published
from {{ ref('learning_resource') }} as r
inner join {{ ref('blocklist') }} as b on b.readable_id = r.readable_id
where r.published
union all
select null, b.readable_id, null
from {{ ref('blocklist') }} as b
where not exists (select 1 from {{ ref('learning_resource') }} as r where r.readable_id = b.readable_id)
