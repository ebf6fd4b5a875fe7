-- feed_source: one row per (feed_type, url), ids unique, feed_type an accepted value, images exist.
select 'duplicate key' as problem, feed_type || ' ' || url as value
from {{ ref('feed_source') }} group by feed_type, url having count(*) > 1
union all
select 'duplicate id', cast(id as varchar) from {{ ref('feed_source') }} group by id having count(*) > 1
union all
select 'feed_type', feed_type from {{ ref('feed_source') }} where feed_type not in ('news', 'events')
union all
select 'unknown image', s.url from {{ ref('feed_source') }} as s
    left join {{ ref('feed_image') }} as m on m.id = s.image_id where s.image_id is not null and m.id is null
union all
select 'duplicate image id', cast(id as varchar) from {{ ref('feed_image') }} group by id having count(*) > 1
