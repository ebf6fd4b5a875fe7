-- feed_item: guid unique and not null, ids unique, every item's source and image exist, every item has exactly
-- one detail row of its feed's type.
select 'duplicate guid' as problem, guid as value from {{ ref('feed_item') }} group by guid having count(*) > 1
union all
select 'duplicate id', cast(id as varchar) from {{ ref('feed_item') }} group by id having count(*) > 1
union all
select 'null key', guid from {{ ref('feed_item') }} where guid is null or id is null or title is null
union all
select 'unknown source', i.guid from {{ ref('feed_item') }} as i
    left join {{ ref('feed_source') }} as s on s.id = i.source_id where s.id is null
union all
select 'unknown image', i.guid from {{ ref('feed_item') }} as i
    left join {{ ref('feed_image') }} as m on m.id = i.image_id where i.image_id is not null and m.id is null
union all
select 'detail missing', i.guid from {{ ref('feed_item') }} as i
    inner join {{ ref('feed_source') }} as s on s.id = i.source_id
    left join {{ ref('feed_news_detail') }} as n on n.feed_item_id = i.id
    left join {{ ref('feed_event_detail') }} as e on e.feed_item_id = i.id
    where (s.feed_type = 'news' and n.feed_item_id is null) or (s.feed_type = 'events' and e.feed_item_id is null)
