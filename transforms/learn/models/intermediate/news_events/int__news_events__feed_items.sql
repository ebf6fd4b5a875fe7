{{ config(materialized='table') }}
-- News stories and events of every feed, one row per guid; past events (start and end before var learn_now) dropped.
{% set base = var('mitpe_base_url') %}
with medium as (
    select
        'medium_news' as feed_key,
        guid,
        title,
        url,
        nullif(trim(regexp_replace(coalesce(summary_html, content_html, ''), '<[^>]+>', '', 'g')), '') as summary,
        content_html as content,
        {{ media_regexp('content_html', '^<h4>[^<]*</h4><figure><img[^>]*src="([^"]+)"', 1) }} as image_url,
        {{ media_regexp('content_html', '^<h4>[^<]*</h4><figure><img[^>]*alt="([^"]*)"', 1) }} as image_alt,
        coalesce({{ media_regexp('content_html', '^<h4>[^<]*</h4><figure><img[^>]*alt="([^"]*)"', 1) }}, '') as image_description,
        case when author is null then {{ learn_empty_list() }} else cast(array[author] as text[]) end as authors,
        {{ media_sorted('categories') }} as topics,
        published_at as publish_date,
        {{ learn_empty_list() }} as audience,
        {{ learn_empty_list() }} as location,
        {{ learn_empty_list() }} as event_type,
        cast(null as timestamp with time zone) as event_datetime,
        cast(null as timestamp with time zone) as event_end_datetime,
        extracted_at
    from {{ ref('stg_news_events__medium_news') }}
),

mitpe_news as (
    select
        'mitpe_news' as feed_key,
        id as guid,
        replace(replace(replace(title, '&amp;', '&'), '&#039;', ''''), '&quot;', '"') as title,
        '{{ base }}' || ltrim(url_path, '/') as url,
        replace(summary, '&amp;', '&') as summary,
        replace(summary, '&amp;', '&') as content,
        case when image_path is not null then '{{ base }}' || ltrim(image_path, '/') end as image_url,
        replace(title, '&amp;', '&') as image_alt,
        replace(title, '&amp;', '&') as image_description,
        case
            when position('and' in trim(coalesce(author, ''))) > 0 then {{ learn_split('author', 'and') }}
            else {{ learn_split('author', '|') }}
        end as authors,
        {{ learn_empty_list() }} as topics,
        {{ media_eastern('cast(date_text as date)') }} as publish_date,
        {{ learn_empty_list() }} as audience,
        {{ learn_empty_list() }} as location,
        {{ learn_empty_list() }} as event_type,
        cast(null as timestamp with time zone) as event_datetime,
        cast(null as timestamp with time zone) as event_end_datetime,
        extracted_at
    from {{ ref('stg_news_events__mitpe_news') }}
),

mitpe_times as (
    select
        *,
        cast({{ media_regexp('time_range', '([0-9]{1,2}):([0-9]{2})', 1) }} as integer) as h1,
        cast({{ media_regexp('time_range', '([0-9]{1,2}):([0-9]{2})', 2) }} as integer) as m1,
        upper({{ media_regexp('time_range', '^[^0-9]*[0-9]{1,2}:[0-9]{2} *([AaPp][Mm])', 1) }}) as ap1,
        cast({{ media_regexp('time_range', '[0-9]{1,2}:[0-9]{2}[^0-9]+([0-9]{1,2}):([0-9]{2})', 1) }} as integer) as h2,
        cast({{ media_regexp('time_range', '[0-9]{1,2}:[0-9]{2}[^0-9]+([0-9]{1,2}):([0-9]{2})', 2) }} as integer) as m2,
        upper({{ media_regexp('time_range', '[0-9]{1,2}:[0-9]{2}[^0-9]+[0-9]{1,2}:[0-9]{2} *([AaPp][Mm])', 1) }}) as ap2
    from {{ ref('stg_news_events__mitpe_events') }}
),

mitpe_clock as (
    select
        *,
        -- a missing am/pm is copied from the other time; no time at all means 12:00 PM
        case when h1 is null then 12 else mod(h1, 12) + case when coalesce(ap1, ap2, 'PM') = 'PM' then 12 else 0 end end as start_hour,
        coalesce(m1, 0) as start_minute,
        case
            when h2 is null and h1 is null then 12
            when h2 is null then mod(h1, 12) + case when coalesce(ap1, ap2, 'PM') = 'PM' then 12 else 0 end
            else mod(h2, 12) + case when coalesce(ap2, ap1, 'PM') = 'PM' then 12 else 0 end
        end as end_hour,
        coalesce(m2, m1, 0) as end_minute
    from mitpe_times
),

mitpe_events as (
    select
        'mitpe_events' as feed_key,
        id as guid,
        replace(title, '&amp;', '&') as title,
        '{{ base }}' || ltrim(url_path, '/') as url,
        replace(summary, '&amp;', '&') as summary,
        replace(summary, '&amp;', '&') as content,
        case when image_path is not null then '{{ base }}' || ltrim(image_path, '/') end as image_url,
        title as image_alt,
        title as image_description,
        {{ learn_empty_list() }} as authors,
        {{ learn_empty_list() }} as topics,
        cast(null as timestamp with time zone) as publish_date,
        {{ learn_list(['Faculty', 'MIT Community', 'Public', 'Students']) }} as audience,
        {{ learn_empty_list() }} as location,
        {{ learn_empty_list() }} as event_type,
        {{ media_eastern("cast(cast(coalesce(start_date, end_date) as date) as timestamp) + start_hour * interval '1 hour' + start_minute * interval '1 minute'") }} as event_datetime,
        {{ media_eastern("cast(cast(coalesce(end_date, start_date) as date) as timestamp) + end_hour * interval '1 hour' + end_minute * interval '1 minute'") }} as event_end_datetime,
        extracted_at
    from mitpe_clock
    where coalesce(start_date, end_date) is not null
),

ol_events as (
    select
        'ol_events' as feed_key,
        id as guid,
        title,
        case when path_alias is not null then 'https://openlearning.mit.edu' || path_alias end as url,
        body_html as summary,
        body_html as content,
        case when image_path is not null then 'https://openlearning.mit.edu' || image_path end as image_url,
        image_alt,
        image_title as image_description,
        {{ learn_empty_list() }} as authors,
        {{ learn_empty_list() }} as topics,
        cast(null as timestamp with time zone) as publish_date,
        audiences as audience,
        locations as location,
        event_types as event_type,
        -- the offset is replaced by US/Eastern: the wall time is read in Eastern
        {{ media_eastern("replace(substr(event_date_text, 1, 19), 'T', ' ')") }} as event_datetime,
        cast(null as timestamp with time zone) as event_end_datetime,
        extracted_at
    from {{ ref('stg_news_events__ol_events') }}
    where event_date_text is not null
),

sloan_news as (
    select
        'sloan_exec_news' as feed_key,
        content_id as guid,
        {{ media_unescape('title') }} as title,
        'https://exec.mit.edu/s/blog-post/' || url_name || '-' || content_id as url,
        nullif({{ media_strip_tags(media_unescape('summary_html')) }}, '') as summary,
        {{ media_unescape('content_html') }} as content,
        'https://exec.mit.edu' || coalesce(image_path, '/s/blog') as image_url,
        coalesce(image_alt, '') as image_alt,
        {{ media_unescape('title') }} as image_description,
        cast(array[{{ media_unescape("coalesce(author, '')") }}] as text[]) as authors,
        topics,
        {{ media_ts('published_date_text') }} as publish_date,
        {{ learn_empty_list() }} as audience,
        {{ learn_empty_list() }} as location,
        {{ learn_empty_list() }} as event_type,
        cast(null as timestamp with time zone) as event_datetime,
        cast(null as timestamp with time zone) as event_end_datetime,
        extracted_at
    from {{ ref('stg_news_events__sloan_exec_news') }}
),

sloan_webinars as (
    select
        'sloan_webinars' as feed_key,
        content_key as guid,
        title,
        url,
        nullif({{ media_strip_tags(media_unescape('summary_html')) }}, '') as summary,
        nullif({{ media_strip_tags(media_unescape('content_html')) }}, '') as content,
        case when image_path is not null then 'https://exec.mit.edu' || image_path end as image_url,
        coalesce(image_alt, '') as image_alt,
        coalesce(image_alt, '') as image_description,
        {{ learn_empty_list() }} as authors,
        {{ learn_empty_list() }} as topics,
        cast(null as timestamp with time zone) as publish_date,
        {{ learn_list(['Faculty', 'MIT Community', 'Public', 'Students']) }} as audience,
        {{ learn_list(['Online']) }} as location,
        topics as event_type,
        {{ media_eastern(media_month_date('date_text')) }} as event_datetime,
        cast(null as timestamp with time zone) as event_end_datetime,
        extracted_at
    from {{ ref('stg_news_events__sloan_webinars') }}
    -- a date the app cannot parse (e.g. "January - December 2024") drops the webinar
    where {{ media_month_date('date_text') }} is not null
),

items as (
    select * from medium
    union all select * from sloan_news
    union all select * from sloan_webinars
    union all select * from mitpe_news
    union all select * from mitpe_events
    union all select * from ol_events
),

feed_typed as (
    select i.*, s.feed_type, s.url as source_url
    from items as i
    inner join {{ ref('int__news_events__feed_sources') }} as s on s.feed_key = i.feed_key
),

ranked as (
    select *, row_number() over (partition by guid order by extracted_at desc, feed_key) as row_num
    from feed_typed
    where guid is not null and title is not null
)

select
    feed_key, feed_type, source_url, guid, title, url, summary, content, image_url, image_alt,
    image_description, authors, topics, publish_date, audience, location, event_type,
    event_datetime,
    case when event_end_datetime < event_datetime then event_datetime else event_end_datetime end as event_end_datetime
from ranked
where row_num = 1
    and not (
        feed_type = 'events'
        and coalesce(event_datetime < {{ media_now() }}, true)
        and coalesce(event_end_datetime < {{ media_now() }}, true)
    )
