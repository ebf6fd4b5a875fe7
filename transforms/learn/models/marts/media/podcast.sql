-- Podcast detail rows (one per podcast resource), keyed by the resource id the learning_resource mart gives it.
select
    {{ learn_id(['platform', 'readable_id', 'resource_type']) }} as learning_resource_id,
    apple_podcasts_url,
    google_podcasts_url,
    rss_url
from {{ ref('int__podcasts__podcasts') }}
