-- MITx Online runs in the canonical shape: every course run, plus one run per program (run_id = its readable id).
with courses as (
    select * from {{ ref('stg_mitxonline__courses') }}
),

runs as (
    select
        r.*,
        c.page_url,
        c.page_live,
        c.min_price,
        c.max_price,
        c.availability,
        c.duration,
        c.time_commitment,
        c.instructor_names,
        r.is_b2b as is_variant,
        (not r.is_b2b and r.is_enrollable and c.page_live) as published,
        (
            r.upstream_published and r.is_enrollable
            and (coalesce(r.enrollment_end, r.end_date) is null or coalesce(r.enrollment_end, r.end_date) >= {{ learn_now() }})
        ) as fully_enrollable
    from {{ ref('stg_mitxonline__course_runs') }} as r
    inner join courses as c on c.course_id = r.course_id
),

-- the run's price candidates: the verified mode adds min and max price, the audit mode adds 0
run_price_rows as (
    select run_id, course_id, cast(0 as decimal(12, 2)) as amount from runs
    where not fully_enrollable or (min_price is null and max_price is null)
    union all
    select run_id, course_id, coalesce(min_price, 0) from runs
    where fully_enrollable and not (min_price is null and max_price is null) and {{ learn_list_contains('enrollment_modes', "'verified'") }}
    union all
    select run_id, course_id, coalesce(max_price, 0) from runs
    where fully_enrollable and not (min_price is null and max_price is null) and {{ learn_list_contains('enrollment_modes', "'verified'") }}
    union all
    select run_id, course_id, 0 from runs
    where fully_enrollable and not (min_price is null and max_price is null)
        and ({{ learn_list_contains('enrollment_modes', "'audit'") }} or not ({{ learn_list_contains('enrollment_modes', "'verified'") }}))
),

run_prices as (
    select run_id, course_id, array_agg(distinct amount order by amount) as prices
    from run_price_rows
    group by run_id, course_id
),

programs as (
    select * from {{ ref('stg_mitxonline__programs') }}
),

program_price_rows as (
    select readable_id, cast(0 as decimal(12, 2)) as amount from programs where min_price is null and max_price is null
    union all
    select readable_id, coalesce(min_price, 0) from programs
    where not (min_price is null and max_price is null) and {{ learn_list_contains('enrollment_modes', "'verified'") }}
    union all
    select readable_id, coalesce(max_price, 0) from programs
    where not (min_price is null and max_price is null) and {{ learn_list_contains('enrollment_modes', "'verified'") }}
    union all
    select readable_id, 0 from programs
    where not (min_price is null and max_price is null)
        and ({{ learn_list_contains('enrollment_modes', "'audit'") }} or not ({{ learn_list_contains('enrollment_modes', "'verified'") }}))
),

program_prices as (
    select readable_id, array_agg(distinct amount order by amount) as prices
    from program_price_rows
    group by readable_id
)

select
    {{ learn_run_columns({
        'platform': "'mitxonline'",
        'readable_id': 'runs.course_readable_id',
        'resource_type': "'course'",
        'run_id': 'runs.run_id',
        'title': 'runs.title',
        'description': "coalesce(runs.description, '')",
        'url': "case when runs.page_url is not null then '" ~ var('app_base_url') ~ "' || 'courses/' || runs.course_readable_id end",
        'image_url': learn_urljoin(var('mitxonline_base_url'), 'runs.feature_image_src'),
        'published': 'runs.published',
        'is_variant': 'runs.is_variant',
        'status': "case when runs.page_url is not null and runs.fully_enrollable then 'Current' else 'Archived' end",
        'start_date': 'runs.start_date',
        'end_date': 'runs.end_date',
        'enrollment_start': 'runs.enrollment_start',
        'enrollment_end': 'runs.enrollment_end',
        'prices': 'coalesce(run_prices.prices, ' ~ learn_empty_prices() ~ ')',
        'currency': "'USD'",
        'instructors': 'runs.instructor_names',
        'pace': "case when runs.is_self_paced then " ~ learn_list(['self_paced']) ~ " else " ~ learn_list(['instructor_paced']) ~ " end",
        'format': learn_list(['asynchronous']),
        'availability': 'runs.availability',
        'duration': "coalesce(runs.duration, '')",
        'time_commitment': "coalesce(runs.time_commitment, '')",
    }) }}
from runs
left join run_prices on run_prices.run_id = runs.run_id and run_prices.course_id = runs.course_id

union all

select
    {{ learn_run_columns({
        'platform': "'mitxonline'",
        'readable_id': 'programs.readable_id',
        'resource_type': "'program'",
        'run_id': 'programs.readable_id',
        'title': 'programs.title',
        'description': "coalesce(programs.description, '')",
        'url': "case when programs.page_url is null then null when programs.display_mode = 'course' then '" ~ var('app_base_url') ~ "' || 'courses/p/' || programs.readable_id else '" ~ var('app_base_url') ~ "' || 'programs/' || programs.readable_id end",
        'image_url': learn_urljoin(var('mitxonline_base_url'), 'programs.feature_image_src'),
        'published': 'programs.page_url is not null',
        'is_variant': 'false',
        'status': "case when programs.page_url is not null then 'Current' else 'Archived' end",
        'start_date': 'programs.start_date',
        'end_date': 'programs.end_date',
        'enrollment_start': 'programs.enrollment_start',
        'enrollment_end': 'programs.enrollment_end',
        'prices': 'coalesce(program_prices.prices, ' ~ learn_empty_prices() ~ ')',
        'currency': "'USD'",
        'format': learn_list(['asynchronous']),
        'availability': 'programs.availability',
        'duration': "coalesce(programs.duration, '')",
        'time_commitment': "coalesce(programs.time_commitment, '')",
        'min_weeks': 'programs.min_weeks',
        'max_weeks': 'programs.max_weeks',
    }) }}
from programs
left join program_prices on program_prices.readable_id = programs.readable_id
