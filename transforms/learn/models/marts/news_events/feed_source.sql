-- News and events feeds, id from (feed_type, url).
select
    {{ learn_id(['feed_type', 'url']) }} as id,
    title,
    url,
    description,
    feed_type,
    case when image_url is not null then {{ learn_id(['image_url', 'image_description', 'image_alt']) }} end as image_id
from {{ ref('int__news_events__feed_sources') }}
