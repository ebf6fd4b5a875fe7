-- edX runs in the canonical shape (courses), plus one published run per program (run_id = uuid).
with seat_prices as (
    select r.run_id, cast(s.value ->> 'price' as decimal(12, 2)) as amount
    from {{ ref('stg_edx__course_runs') }} as r
    cross join lateral {{ learn_json_elements('r.seats') }} with ordinality as s(value, n)
    union
    select run_id, cast(0 as decimal(12, 2)) from {{ ref('stg_edx__course_runs') }}
),

prices as (
    select run_id, array_agg(distinct amount order by amount) as prices
    from seat_prices
    group by run_id
),

staff as (
    select r.run_id, cast(array_agg(trim(concat_ws(' ', s.value ->> 'given_name', s.value ->> 'family_name')) order by s.n) as text[]) as names
    from {{ ref('stg_edx__course_runs') }} as r
    cross join lateral {{ learn_json_elements('r.staff') }} with ordinality as s(value, n)
    group by r.run_id
)

select
    {{ learn_run_columns({
        'platform': "'edx'",
        'readable_id': 'r.course_readable_id',
        'resource_type': "'course'",
        'run_id': 'r.run_id',
        'title': 'r.title',
        'description': 'r.short_description',
        'full_description': 'r.full_description',
        'url': "coalesce(c.marketing_url, r.marketing_url, '" ~ var('edx_alt_url') ~ "' || r.run_id || '/course/')",
        'image_url': 'r.image_url',
        'published': 'r.published',
        'is_variant': 'false',
        'status': 'r.availability_text',
        'last_modified': 'greatest(c.last_modified, r.modified)',
        'languages': learn_list_compact('cast(array[r.content_language] as text[])'),
        'level': learn_list_compact('cast(array[' ~ learn_level_code('r.level_type') ~ '] as text[])'),
        'semester': "case " ~ learn_regexp_extract('r.run_id', '([123])T([0-9]{4})', 1) ~ " when '1' then 'Spring' when '2' then 'Summer' when '3' then 'Fall' end",
        'year': 'cast(' ~ learn_regexp_extract('r.run_id', '([123])T([0-9]{4})', 2) ~ ' as integer)',
        'start_date': 'r.start_date',
        'end_date': 'r.end_date',
        'enrollment_start': 'r.enrollment_start',
        'enrollment_end': 'r.enrollment_end',
        'prices': 'coalesce(prices.prices, ' ~ learn_empty_prices() ~ ')',
        'currency': "'USD'",
        'instructors': 'coalesce(staff.names, ' ~ learn_empty_list() ~ ')',
        'pace': 'cast(array[r.pacing_type] as text[])',
        'format': learn_list(['asynchronous']),
        'availability': "case when r.availability_text = 'Archived' then 'anytime' when r.pacing_type = 'self_paced' and r.start_date < " ~ learn_now() ~ " then 'anytime' else 'dated' end",
        'duration': "case when r.weeks_to_complete is null then '' when r.weeks_to_complete = 1 then '1 week' else cast(r.weeks_to_complete as varchar) || ' weeks' end",
        'min_weeks': 'r.weeks_to_complete',
        'max_weeks': 'r.weeks_to_complete',
        'min_weekly_hours': 'nullif(least(coalesce(r.min_effort, 0), coalesce(r.max_effort, r.min_effort, 0)), 0)',
        'max_weekly_hours': 'nullif(greatest(coalesce(r.min_effort, 0), coalesce(r.max_effort, r.min_effort, 0)), 0)',
    }) }}
from {{ ref('stg_edx__course_runs') }} as r
inner join {{ ref('stg_edx__courses') }} as c on c.readable_id = r.course_readable_id
left join prices on prices.run_id = r.run_id
left join staff on staff.run_id = r.run_id

union all

select
    {{ learn_run_columns({
        'platform': "'edx'",
        'readable_id': 'p.readable_id',
        'resource_type': "'program'",
        'run_id': 'p.readable_id',
        'title': 'p.title',
        'description': 'p.subtitle',
        'full_description': 'p.subtitle',
        'url': 'p.marketing_url',
        'published': 'true',
        'is_variant': 'false',
        'status': "'Current'",
        'last_modified': 'p.last_modified',
        'prices': learn_empty_prices(),
        'currency': "'USD'",
        'format': learn_list(['asynchronous']),
    }) }}
from {{ ref('stg_edx__programs') }} as p
