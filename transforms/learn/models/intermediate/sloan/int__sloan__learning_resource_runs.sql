-- Sloan runs: every offering of a course with a URL.
select
    {{ learn_run_columns({
        'platform': "'see'",
        'readable_id': 'c.readable_id',
        'resource_type': "'course'",
        'run_id': 'o.run_id',
        'title': 'c.title',
        'url': 'c.url',
        'published': 'true',
        'is_variant': 'false',
        'status': "'Current'",
        'start_date': 'o.start_date',
        'end_date': 'o.end_date',
        'prices': 'case when o.price is not null then cast(array[o.price] as decimal(12,2)[]) else ' ~ learn_empty_prices() ~ ' end',
        'currency': 'o.currency',
        'instructors': 'o.instructor_names',
        'delivery': 'cast(array[' ~ learn_delivery('o.delivery') ~ '] as text[])',
        'pace': "case when o.delivery = 'Online' and o.format = 'Asynchronous (On-Demand)' then " ~ learn_list(['self_paced']) ~ " else " ~ learn_list(['instructor_paced']) ~ " end",
        'format': "case when o.delivery = 'In Person' then " ~ learn_list(['synchronous']) ~ " when o.delivery = 'Blended' then " ~ learn_list(['synchronous', 'asynchronous']) ~ " when o.format like '%Asynchronous%' then " ~ learn_list(['asynchronous']) ~ " else " ~ learn_list(['synchronous']) ~ " end",
        'availability': "case when o.delivery = 'Online' and o.format = 'Asynchronous (On-Demand)' then 'anytime' else 'dated' end",
        'location': "case when o.delivery = 'Online' then '' else coalesce(o.location, '') end",
        'duration': "coalesce(o.duration, '')",
        'min_weeks': learn_duration_weeks('o.duration', 'min'),
        'max_weeks': learn_duration_weeks('o.duration', 'max'),
        'time_commitment': "coalesce(o.time_commitment, '')",
        'min_weekly_hours': learn_commitment_hours('o.time_commitment', 'min'),
        'max_weekly_hours': learn_commitment_hours('o.time_commitment', 'max'),
    }) }}
from {{ ref('stg_sloan__course_offerings') }} as o
inner join {{ ref('stg_sloan__courses') }} as c on c.readable_id = o.course_id
where c.url is not null
