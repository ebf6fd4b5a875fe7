-- ODL Video Service videos: public, complete, in a collection, with an https .m3u8 source (the app's filters).
with latest as (
    {{ learn_latest(source('ovs', 'videos'), ['key']) }}
),

videos as (
    select
        key as video_key,
        coalesce(title, '') as title,
        coalesce(description, '') as description,
        created_at,
        cta_link,
        cast(coalesce(duration, 0) as bigint) as duration_seconds,
        collection ->> 'key' as collection_key,
        collection ->> 'title' as collection_title,
        coalesce(collection ->> 'description', '') as collection_description,
        coalesce((collection ->> 'for_shorts') = 'true', false) as for_shorts,
        (
            select s.value ->> 'src'
            from {{ learn_json_elements('latest.sources') }} with ordinality as s(value, n)
            where (s.value ->> 'src') like 'https://%' and split_part(s.value ->> 'src', '?', 1) like '%.m3u8'
            order by s.n
            limit 1
        ) as streaming_url,
        (
            select t.value ->> 'cloudfront_url'
            from {{ learn_json_elements('latest.videothumbnail_set') }} with ordinality as t(value, n)
            where t.n = 1 and (t.value ->> 'cloudfront_url') like 'https://%'
        ) as thumbnail_url,
        videosubtitle_set,
        _airbyte_extracted_at as extracted_at
    from latest
    where coalesce(is_public, false) and status = 'Complete'
)

select *
from videos
where collection_key is not null and streaming_url is not null
