-- MIT Climate Portal explainers and Ask MIT Climate answers, one row per uuid (newest landing).
with both_feeds as (
    select *, 'explainers' as feed from {{ source('mit_climate', 'explainers') }}
    union all
    select *, 'ask_mit_climate' as feed from {{ source('mit_climate', 'ask_mit_climate') }}
),

latest as (
    {{ learn_latest('both_feeds', ['uuid']) }}
)

select
    uuid as readable_id,
    {{ learn_html_unescape('title') }} as title,
    url as url_path,
    summary,
    footnotes,
    byline,
    image_src,
    image_alt,
    {{ learn_list_map(learn_split('topics', '|'), learn_html_unescape('x')) }} as topic_names,
    {{ learn_ts_eastern('created') }} as created,
    feed,
    _airbyte_extracted_at as extracted_at
from latest
