-- News stories and events, one per guid.
select
    {{ learn_id(['guid']) }} as id,
    guid,
    {{ learn_id(['feed_type', 'source_url']) }} as source_id,
    title,
    url,
    summary,
    content,
    case when image_url is not null
        then {{ learn_id(['image_url', 'image_description', "coalesce(image_alt, '')"]) }} end as image_id
from {{ ref('int__news_events__feed_items') }}
