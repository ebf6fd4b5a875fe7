-- xPRO courses and programs in the canonical shape (offered by xpro; platform from the upstream's `platform`).
with platform_codes as (
    select * from (values
        ('xPRO', 'xpro'), ('Emeritus', 'emeritus'), ('Global Alumni', 'globalalumni'),
        ('Simplilearn', 'simplilearn'), ('Susskind', 'susskind'), ('WHU', 'whu')
    ) as p(platform_name, code)
),

course_runs as (
    select course_readable_id, bool_or(current_price is not null) as any_priced
    from {{ ref('stg_xpro__course_runs') }}
    group by course_readable_id
)

select
    {{ learn_resource_columns({
        'platform': 'p.code',
        'readable_id': 'c.readable_id',
        'resource_type': "'course'",
        'etl_source': "'xpro'",
        'offered_by': "'xpro'",
        'title': 'c.title',
        'description': "coalesce(c.description, '')",
        'url': 'c.url',
        'image_url': "nullif(c.thumbnail_url, '')",
        'published': 'coalesce(r.any_priced, false)',
        'professional': 'true',
        'certification': 'true',
        'certification_type': "'professional'",
        'delivery': 'cast(array[' ~ learn_delivery('c.delivery_text') ~ '] as text[])',
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': 'c.availability',
        'continuing_ed_credits': 'c.continuing_ed_credits',
        'topics': 'c.topic_names',
        'course_numbers': "'[{\"value\": \"' || c.readable_id || '\", \"listing_type\": \"primary\", \"department\": null, \"sort_coursenum\": \"' || c.readable_id || '\", \"primary\": true}]'",
        'has_runs': 'true',
        'extracted_at': 'c.extracted_at',
    }) }}
from {{ ref('stg_xpro__courses') }} as c
inner join platform_codes as p on p.platform_name = c.platform_name
left join course_runs as r on r.course_readable_id = c.readable_id

union all

select
    {{ learn_resource_columns({
        'platform': 'p.code',
        'readable_id': 'g.readable_id',
        'resource_type': "'program'",
        'etl_source': "'xpro'",
        'offered_by': "'xpro'",
        'title': 'g.title',
        'description': "coalesce(g.description, '')",
        'url': 'g.url',
        'image_url': "nullif(g.thumbnail_url, '')",
        'published': 'g.current_price is not null',
        'professional': 'true',
        'certification': 'true',
        'certification_type': "'professional'",
        'delivery': 'cast(array[' ~ learn_delivery('g.delivery_text') ~ '] as text[])',
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': 'g.availability',
        'continuing_ed_credits': 'g.continuing_ed_credits',
        'topics': 'g.topic_names',
        'has_runs': 'true',
        'extracted_at': 'g.extracted_at',
    }) }}
from {{ ref('stg_xpro__programs') }} as g
inner join platform_codes as p on p.platform_name = g.platform_name
