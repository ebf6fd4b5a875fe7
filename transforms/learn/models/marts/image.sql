-- Images (LearningResourceImage), one per (url, description, alt) as the app's get_or_create.
with images as (
    select image_url as url, image_description as description, image_alt as alt
    from {{ ref('int__learning_resources__unioned') }}
    where image_url is not null
    union
    select image_url, cast(null as varchar), image_alt
    from {{ ref('int__learning_resource_runs__unioned') }}
    where image_url is not null
)

select
    {{ learn_id(['url', 'description', 'alt']) }} as id,
    url,
    description,
    alt
from images
