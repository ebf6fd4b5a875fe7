-- Event detail of the items of events feeds (past events are already gone).
select {{ learn_id(['guid']) }} as feed_item_id, audience, location, event_type, event_datetime, event_end_datetime
from {{ ref('int__news_events__feed_items') }}
where feed_type = 'events'
