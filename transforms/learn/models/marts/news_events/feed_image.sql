-- Images of feed sources and items, one row per distinct (url, description, alt), as the app's get-or-create.
with images as (
    select image_url as url, image_description as description, image_alt as alt
    from {{ ref('int__news_events__feed_sources') }}
    where image_url is not null
    union
    select image_url, image_description, coalesce(image_alt, '')
    from {{ ref('int__news_events__feed_items') }}
    where image_url is not null
)

select {{ learn_id(['url', 'description', 'alt']) }} as id, url, description, alt
from images
