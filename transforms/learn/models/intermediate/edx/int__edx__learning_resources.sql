-- edX courses (with at least one run) and programs, platform edx, offered by mitx.
with runs as (
    select
        readable_id,
        bool_or(published) as any_published,
        bool_or(published and coalesce(status, '') <> 'Archived') as certified,
        bool_or(published and availability = 'dated') as any_dated,
        bool_and(availability = 'anytime') filter (where published) as all_anytime,
        bool_or(published and {{ learn_list_contains('pace', "'self_paced'") }}) as self_paced,
        bool_or(published and {{ learn_list_contains('pace', "'instructor_paced'") }}) as instructor_paced
    from {{ ref('int__edx__learning_resource_runs') }}
    where resource_type = 'course'
    group by readable_id
)

select
    {{ learn_resource_columns({
        'platform': "'edx'",
        'readable_id': 'c.readable_id',
        'resource_type': "'course'",
        'etl_source': "'mit_edx'",
        'offered_by': "'mitx'",
        'title': 'c.title',
        'description': "coalesce(c.short_description, '')",
        'full_description': "coalesce(c.full_description, '')",
        'url': "coalesce(c.marketing_url, '" ~ var('edx_alt_url') ~ "' || c.readable_id || '/course/')",
        'image_url': 'c.image_url',
        'image_description': 'case when c.image_url is not null then c.image_description end',
        'last_modified': 'c.last_modified',
        'published': 'coalesce(runs.any_published, false)',
        'certification': 'coalesce(runs.certified, false)',
        'certification_type': "case when coalesce(runs.certified, false) then 'completion' else 'none' end",
        'pace': "case when runs.self_paced and runs.instructor_paced then " ~ learn_list(['instructor_paced', 'self_paced']) ~ " when runs.instructor_paced then " ~ learn_list(['instructor_paced']) ~ " else " ~ learn_list(['self_paced']) ~ " end",
        'format': learn_list(['asynchronous']),
        'availability': "case when runs.any_dated then 'dated' when runs.all_anytime then 'anytime' end",
        'topics': 'c.topic_names',
        'departments': "cast(array[" ~ learn_regexp_extract('c.readable_id', '\\+([^.]+)\\.', 1) ~ "] as text[])",
        'course_numbers': "'[{\"value\": \"' || c.readable_id || '\", \"listing_type\": \"primary\", \"department\": null, \"sort_coursenum\": \"' || c.readable_id || '\", \"primary\": true}]'",
        'has_runs': 'true',
        'extracted_at': 'c.extracted_at',
    }) }}
from {{ ref('stg_edx__courses') }} as c
inner join runs on runs.readable_id = c.readable_id

union all

select
    {{ learn_resource_columns({
        'platform': "'edx'",
        'readable_id': 'p.readable_id',
        'resource_type': "'program'",
        'etl_source': "'mit_edx'",
        'offered_by': "'mitx'",
        'title': 'p.title',
        'description': "coalesce(p.subtitle, '')",
        'full_description': "coalesce(p.subtitle, '')",
        'url': 'p.marketing_url',
        'image_url': 'p.image_url',
        'image_description': 'case when p.image_url is not null then p.title end',
        'last_modified': 'p.last_modified',
        'published': 'true',
        'certification': 'true',
        'certification_type': "'completion'",
        'format': learn_list(['asynchronous']),
        'has_runs': 'true',
        'extracted_at': 'p.extracted_at',
    }) }}
from {{ ref('stg_edx__programs') }} as p
