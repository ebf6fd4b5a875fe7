-- Video details (Video) of the OVS videos.
select
    {{ learn_id(["'ovs'", 'readable_id', "'video'"]) }} as learning_resource_id,
    duration,
    transcript,
    streaming_url,
    cast(caption_urls as {{ learn_json_type() }}) as caption_urls,
    cover_image_url
from {{ ref('int__ovs__videos') }}
