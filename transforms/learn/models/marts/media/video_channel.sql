-- YouTube channels (VideoChannel), keyed by the channel id.
select channel_id, title, published, etl_source
from {{ ref('int__youtube__video_channels') }}
