-- Every PLAYLIST_VIDEOS link joins a playlist row to a video the API returned, with unique positions.
select r.parent_readable_id, r.child_readable_id, r.position
from {{ ref('int__youtube__learning_resource_relationships') }} as r
left join {{ ref('video_playlist') }} as p
    on p.learning_resource_id = {{ learn_id(["r.parent_platform", "r.parent_readable_id", "r.parent_resource_type"]) }}
left join {{ ref('int__youtube__videos') }} as v on v.readable_id = r.child_readable_id
where p.learning_resource_id is null or v.readable_id is null
union all
select parent_readable_id, cast(null as varchar), position
from {{ ref('int__youtube__learning_resource_relationships') }}
group by parent_readable_id, position
having count(*) > 1
