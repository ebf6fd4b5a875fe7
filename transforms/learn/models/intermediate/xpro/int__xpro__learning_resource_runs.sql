-- xPRO runs: every course run, and one run per program (run_id = the program's readable id).
with platform_codes as (
    select * from (values
        ('xPRO', 'xpro'), ('Emeritus', 'emeritus'), ('Global Alumni', 'globalalumni'),
        ('Simplilearn', 'simplilearn'), ('Susskind', 'susskind'), ('WHU', 'whu')
    ) as p(platform_name, code)
)

select
    {{ learn_run_columns({
        'platform': 'p.code',
        'readable_id': 'r.course_readable_id',
        'resource_type': "'course'",
        'run_id': 'r.run_id',
        'title': 'r.title',
        'published': 'r.current_price is not null',
        'is_variant': 'false',
        'start_date': 'r.start_date',
        'end_date': 'r.end_date',
        'enrollment_start': 'r.enrollment_start',
        'enrollment_end': 'r.enrollment_end',
        'prices': 'case when r.current_price is not null then cast(array[r.current_price] as decimal(12,2)[]) else ' ~ learn_empty_prices() ~ ' end',
        'currency': "'USD'",
        'instructors': 'r.instructor_names',
        'delivery': 'cast(array[' ~ learn_delivery('c.delivery_text') ~ '] as text[])',
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': 'c.availability',
        'duration': "coalesce(c.duration, '')",
        'min_weeks': 'c.min_weeks',
        'max_weeks': 'c.max_weeks',
        'time_commitment': "coalesce(c.time_commitment, '')",
        'min_weekly_hours': 'c.min_weekly_hours',
        'max_weekly_hours': 'c.max_weekly_hours',
    }) }}
from {{ ref('stg_xpro__course_runs') }} as r
inner join {{ ref('stg_xpro__courses') }} as c on c.readable_id = r.course_readable_id
inner join platform_codes as p on p.platform_name = c.platform_name

union all

select
    {{ learn_run_columns({
        'platform': 'p.code',
        'readable_id': 'g.readable_id',
        'resource_type': "'program'",
        'run_id': 'g.readable_id',
        'title': 'g.title',
        'description': 'g.description',
        'published': 'true',
        'is_variant': 'false',
        'start_date': 'g.start_date',
        'end_date': 'g.end_date',
        'enrollment_start': 'g.enrollment_start',
        'prices': 'case when g.current_price is not null then cast(array[g.current_price] as decimal(12,2)[]) else ' ~ learn_empty_prices() ~ ' end',
        'currency': "'USD'",
        'instructors': 'g.instructor_names',
        'delivery': 'cast(array[' ~ learn_delivery('g.delivery_text') ~ '] as text[])',
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': 'g.availability',
        'duration': "coalesce(g.duration, '')",
        'time_commitment': "coalesce(g.time_commitment, '')",
    }) }}
from {{ ref('stg_xpro__programs') }} as g
inner join platform_codes as p on p.platform_name = g.platform_name
