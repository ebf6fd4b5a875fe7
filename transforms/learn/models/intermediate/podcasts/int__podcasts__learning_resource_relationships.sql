{{ config(materialized='table') }}
-- PODCAST_EPISODES: each podcast to its episodes, newest first (the feed's order), position from 0.
select
    platform as parent_platform,
    podcast_readable_id as parent_readable_id,
    'podcast' as parent_resource_type,
    platform as child_platform,
    readable_id as child_readable_id,
    resource_type as child_resource_type,
    'PODCAST_EPISODES' as relation_type,
    cast(row_number() over (
        partition by podcast_readable_id order by last_modified desc nulls last, readable_id
    ) - 1 as integer) as position
from {{ ref('int__podcasts__episodes') }}
