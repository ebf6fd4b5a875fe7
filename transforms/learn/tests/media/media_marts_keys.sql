-- podcast, podcast_episode, video_playlist, video_channel, content_file: primary keys unique and not null,
-- playlists' channels exist, channels' etl_source accepted.
select 'podcast' as mart, cast(learning_resource_id as varchar) as value from {{ ref('podcast') }}
    group by learning_resource_id having count(*) > 1 or learning_resource_id is null
union all
select 'podcast_episode', cast(learning_resource_id as varchar) from {{ ref('podcast_episode') }}
    group by learning_resource_id having count(*) > 1 or learning_resource_id is null
union all
select 'video_playlist', cast(learning_resource_id as varchar) from {{ ref('video_playlist') }}
    group by learning_resource_id having count(*) > 1 or learning_resource_id is null
union all
select 'video_channel', channel_id from {{ ref('video_channel') }}
    group by channel_id having count(*) > 1 or channel_id is null
union all
select 'video_channel etl_source', channel_id from {{ ref('video_channel') }} where etl_source not in ('youtube', 'ovs')
union all
select 'video_playlist channel', cast(p.learning_resource_id as varchar) from {{ ref('video_playlist') }} as p
    left join {{ ref('video_channel') }} as c on c.channel_id = p.channel_id
    where p.channel_id is not null and c.channel_id is null
union all
select 'content_file', cast(id as varchar) from {{ ref('content_file') }}
    group by id having count(*) > 1 or id is null
