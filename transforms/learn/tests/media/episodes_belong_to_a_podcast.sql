-- Every episode belongs to exactly one podcast: it has a PODCAST_EPISODES link from a podcast that exists.
select e.readable_id, count(p.readable_id) as podcasts
from {{ ref('int__podcasts__episodes') }} as e
left join {{ ref('int__podcasts__learning_resource_relationships') }} as r
    on r.child_readable_id = e.readable_id and r.child_resource_type = 'podcast_episode'
left join {{ ref('int__podcasts__podcasts') }} as p on p.readable_id = r.parent_readable_id
group by e.readable_id
having count(p.readable_id) <> 1
