-- Video details (Video): OVS videos (streaming URL, captions, cover image) and YouTube videos (duration,
-- cover image; the app fetches their transcripts separately).
select
    {{ learn_id(["'ovs'", 'readable_id', "'video'"]) }} as learning_resource_id,
    duration,
    transcript,
    streaming_url,
    cast(caption_urls as {{ learn_json_type() }}) as caption_urls,
    cover_image_url
from {{ ref('int__ovs__videos') }}

union all

select
    {{ learn_id(['platform', 'readable_id', 'resource_type']) }} as learning_resource_id,
    duration,
    cast(null as varchar) as transcript,
    cast(null as varchar) as streaming_url,
    cast('[]' as {{ learn_json_type() }}) as caption_urls,
    coalesce(image_url, '') as cover_image_url
from {{ ref('int__youtube__videos') }}
