-- MIT PE runs still open (no end, or now ≤ enrollment end / end), in the canonical shape.
select
    {{ learn_run_columns({
        'platform': "'mitpe'",
        'readable_id': 'c.readable_id',
        'resource_type': 'c.resource_type',
        'run_id': 'r.run_id',
        'title': 'c.title',
        'description': 'c.description',
        'url': learn_urljoin(var('mitpe_base_url'), 'c.url_path'),
        'image_url': learn_urljoin(var('mitpe_base_url'), 'c.image_src'),
        'image_alt': 'c.image_alt',
        'published': 'true',
        'is_variant': 'false',
        'status': "'Current'",
        'start_date': 'r.start_date',
        'end_date': 'r.end_date',
        'enrollment_end': 'r.enrollment_end',
        'prices': 'case when c.price_text is not null then cast(array[cast(c.price_text as decimal(12,2))] as decimal(12,2)[]) else ' ~ learn_empty_prices() ~ ' end',
        'currency': "'USD'",
        'instructors': 'array_cat(c.lead_instructor_names, c.instructor_names)',
        'delivery': 'cast(array[' ~ learn_delivery('c.learning_format') ~ '] as text[])',
        'pace': learn_list(['instructor_paced']),
        'format': learn_list(['asynchronous']),
        'availability': "'dated'",
        'location': "case when c.learning_format in ('In Person', 'On Campus', 'Blended') then c.location else '' end",
        'duration': "coalesce(c.duration, '')",
        'min_weeks': learn_duration_weeks('c.duration', 'min'),
        'max_weeks': learn_duration_weeks('c.duration', 'max'),
    }) }}
from {{ ref('stg_mitpe__course_runs') }} as r
inner join {{ ref('stg_mitpe__courses') }} as c on c.readable_id = r.course_readable_id
where r.run_id <> ''
    and (
        (r.end_date is null and r.enrollment_end is null)
        or {{ learn_now() }} <= coalesce(r.enrollment_end, r.end_date)
    )
