-- MIT PE courses and programs that have an open run, in the canonical shape.
with open_runs as (
    select distinct readable_id from {{ ref('int__mitpe__learning_resource_runs') }}
)

select
    {{ learn_resource_columns({
        'platform': "'mitpe'",
        'readable_id': 'c.readable_id',
        'resource_type': 'c.resource_type',
        'etl_source': "'mitpe'",
        'offered_by': "'mitpe'",
        'title': 'c.title',
        'description': 'c.description',
        'url': learn_urljoin(var('mitpe_base_url'), 'c.url_path'),
        'image_url': learn_urljoin(var('mitpe_base_url'), 'c.image_src'),
        'image_alt': 'case when c.image_src is not null then c.image_alt end',
        'published': 'true',
        'professional': 'true',
        'certification': 'true',
        'certification_type': "'professional'",
        'delivery': 'cast(array[' ~ learn_delivery('c.learning_format') ~ '] as text[])',
        'pace': learn_list(['instructor_paced']),
        'format': learn_list(['asynchronous']),
        'availability': "'dated'",
        'topics': 'c.topic_names',
        'course_numbers': "case when c.resource_type = 'course' then '[]' end",
        'has_runs': 'true',
        'extracted_at': 'c.extracted_at',
    }) }}
from {{ ref('stg_mitpe__courses') }} as c
inner join open_runs on open_runs.readable_id = c.readable_id
