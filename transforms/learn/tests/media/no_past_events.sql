-- Past events are dropped: no event may both start and end before the build's "now" (var learn_now).
select d.feed_item_id, d.event_datetime, d.event_end_datetime
from {{ ref('feed_event_detail') }} as d
where d.event_datetime < {{ media_now() }}
    and coalesce(d.event_end_datetime, d.event_datetime) < {{ media_now() }}
