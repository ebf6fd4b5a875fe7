{{ config(materialized='table') }}
-- YouTube videos as video resources. Description: lines with a link, starting with a timestamp or with one of the
-- app's "Keyword:" prefixes are dropped, then blank runs collapsed and the text trimmed.
-- offered_by comes from the channel's config when it is a Learn offeror code.
select
    'youtube' as platform,
    v.video_id as readable_id,
    'video' as resource_type,
    v.video_id as youtube_id,
    v.title,
    nullif(trim(regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(coalesce(v.description, ''), '(^|\n)[^\n]*https?://[^\n]*', '', 'g'),
                '(^|\n)[0-9]{1,2}(:[0-9]{2}){1,2} [^\n]*', '', 'g'
            ),
            '(^|\n)(Instructors?|Course|View the complete course|License|YouTube Playlist|Chapters|Watch this video in Chinese|MIT Open Learning|Key moments|Speakers) *:[^\n]*',
            '', 'g'
        ),
        '\n{3,}', E'\n\n', 'g'
    )), '') as description,
    'https://www.youtube.com/watch?v=' || v.video_id as url,
    v.image_url,
    cast(v.published_at_text as timestamp with time zone) as last_modified,
    v.duration,
    o.code as offered_by,
    v.extracted_at
from {{ ref('stg_youtube__videos') }} as v
left join {{ ref('stg_youtube__channels') }} as c on c.channel_id = v.channel_id
left join {{ ref('offerors') }} as o on o.code = c.offered_by
where v.title is not null
