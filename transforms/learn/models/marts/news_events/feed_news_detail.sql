-- News detail of the items of news feeds.
select {{ learn_id(['guid']) }} as feed_item_id, authors, topics, publish_date
from {{ ref('int__news_events__feed_items') }}
where feed_type = 'news'
