-- OVS video details (the Video table): ISO-8601 duration, streaming URL, caption URLs, cover image.
with captions as (
    select
        v.video_key,
        '[' || string_agg(
            '{"language": "' || coalesce(c.value ->> 'language', 'en') || '", "language_name": "'
            || coalesce(c.value ->> 'language_name', '') || '", "url": "https://'
            || split_part(split_part(coalesce(v.thumbnail_url, v.streaming_url), '://', 2), '/', 1) || '/'
            || ltrim(c.value ->> 's3_object_key', '/') || '"}',
            ', ' order by c.n
        ) || ']' as caption_urls
    from {{ ref('stg_ovs__videos') }} as v
    cross join lateral {{ learn_json_elements('v.videosubtitle_set') }} with ordinality as c(value, n)
    group by v.video_key
)

select
    v.video_key as readable_id,
    case
        when v.duration_seconds <= 0 then 'PT0S'
        else 'PT'
            || case when v.duration_seconds >= 3600 then cast(cast(floor(v.duration_seconds / 3600) as bigint) as varchar) || 'H' else '' end
            || case when v.duration_seconds % 3600 >= 60 then cast(cast(floor((v.duration_seconds % 3600) / 60) as bigint) as varchar) || 'M' else '' end
            || case when v.duration_seconds % 60 > 0 then cast(v.duration_seconds % 60 as varchar) || 'S' else '' end
    end as duration,
    cast(null as varchar) as transcript,
    v.streaming_url,
    coalesce(captions.caption_urls, '[]') as caption_urls,
    coalesce(v.thumbnail_url, '') as cover_image_url
from {{ ref('stg_ovs__videos') }} as v
left join captions on captions.video_key = v.video_key
