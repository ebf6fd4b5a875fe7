-- MITx Online courses and programs in the canonical shape (platform mitxonline, offered by mitx).
with courses as (
    select * from {{ ref('stg_mitxonline__courses') }}
),

runs as (
    select * from {{ ref('int__mitxonline__learning_resource_runs') }}
),

-- certification: a published, non-archived run that offers a verified mode (or lists no modes)
run_summary as (
    select
        runs.readable_id,
        runs.resource_type,
        bool_or(runs.published) as any_published,
        bool_or(
            runs.published and runs.status <> 'Archived'
            and (
                stg.run_id is null
                or {{ learn_list_length('stg.enrollment_modes') }} = 0
                or {{ learn_list_contains('stg.enrollment_modes', "'verified'") }}
            )
        ) as certified,
        bool_or(runs.published and {{ learn_list_contains('runs.pace', "'self_paced'") }}) as self_paced,
        bool_or(runs.published and {{ learn_list_contains('runs.pace', "'instructor_paced'") }}) as instructor_paced
    from runs
    left join {{ ref('stg_mitxonline__course_runs') }} as stg
        on stg.run_id = runs.run_id and stg.course_readable_id = runs.readable_id and runs.resource_type = 'course'
    group by runs.readable_id, runs.resource_type
),

-- course numbers: distinct run course_number values, newest run first; the first is primary
course_number_rows as (
    select
        course_readable_id,
        course_number,
        row_number() over (partition by course_readable_id order by max(start_date) desc nulls last, course_number) as n
    from {{ ref('stg_mitxonline__course_runs') }}
    where nullif(course_number, '') is not null
    group by course_readable_id, course_number
),

course_numbers as (
    select
        course_readable_id,
        '[' || string_agg(
            '{"value": "' || course_number || '", "listing_type": "'
            || case when n = 1 then 'primary' else 'cross-listed' end
            || '", "department": null, "sort_coursenum": "' || course_number || '", "primary": '
            || case when n = 1 then 'true' else 'false' end || '}',
            ', ' order by n
        ) || ']' as course_numbers
    from course_number_rows
    group by course_readable_id
)

select
    {{ learn_resource_columns({
        'platform': "'mitxonline'",
        'readable_id': 'courses.readable_id',
        'resource_type': "'course'",
        'etl_source': "'mitxonline'",
        'offered_by': "'mitx'",
        'title': 'courses.title',
        'description': "coalesce(courses.description, '')",
        'url': "case when courses.page_url is not null then '" ~ var('app_base_url') ~ "' || 'courses/' || courses.readable_id end",
        'image_url': learn_urljoin(var('mitxonline_base_url'), 'courses.feature_image_src'),
        'published': 'courses.page_url is not null and courses.page_live and coalesce(s.any_published, false) and courses.include_in_learn_catalog',
        'test_mode': 'courses.ingest_content_files_for_ai and not (courses.page_url is not null and courses.page_live and coalesce(s.any_published, false) and courses.include_in_learn_catalog)',
        'professional': 'false',
        'certification': 'coalesce(s.certified, false)',
        'certification_type': "case when not coalesce(s.certified, false) then 'none' when lower(courses.certificate_type) = 'micromasters credential' then 'micromasters' else 'completion' end",
        'pace': "case when s.self_paced and s.instructor_paced then " ~ learn_list(['instructor_paced', 'self_paced']) ~ " when s.instructor_paced then " ~ learn_list(['instructor_paced']) ~ " when s.self_paced then " ~ learn_list(['self_paced']) ~ " end",
        'format': learn_list(['asynchronous']),
        'availability': 'courses.availability',
        'topics': 'courses.topic_names',
        'departments': learn_department_ids_from_names('courses.department_names'),
        'course_numbers': "coalesce(course_numbers.course_numbers, '[]')",
        'has_runs': 'true',
        'extracted_at': 'courses.extracted_at',
    }) }}
from courses
left join run_summary as s on s.readable_id = courses.readable_id and s.resource_type = 'course'
left join course_numbers on course_numbers.course_readable_id = courses.readable_id

union all

select
    {{ learn_resource_columns({
        'platform': "'mitxonline'",
        'readable_id': 'programs.readable_id',
        'resource_type': "'program'",
        'etl_source': "'mitxonline'",
        'offered_by': "'mitx'",
        'title': 'programs.title',
        'description': "coalesce(programs.description, '')",
        'url': "case when programs.page_url is null then null when programs.display_mode = 'course' then '" ~ var('app_base_url') ~ "' || 'courses/p/' || programs.readable_id else '" ~ var('app_base_url') ~ "' || 'programs/' || programs.readable_id end",
        'image_url': learn_urljoin(var('mitxonline_base_url'), 'programs.feature_image_src'),
        'resource_category': "case when programs.display_mode = 'course' then 'Course' else 'Program' end",
        'published': 'programs.page_url is not null and programs.page_live and programs.include_in_learn_catalog',
        'test_mode': 'false',
        'professional': 'false',
        'certification': 'programs.page_url is not null',
        'certification_type': "case when programs.page_url is null then 'none' when lower(programs.certificate_type) = 'micromasters credential' then 'micromasters' else 'completion' end",
        'format': learn_list(['asynchronous']),
        'availability': 'programs.availability',
        'duration': 'programs.duration',
        'min_weeks': 'programs.min_weeks',
        'max_weeks': 'programs.max_weeks',
        'time_commitment': 'programs.time_commitment',
        'topics': 'programs.topic_names',
        'departments': learn_department_ids_from_names('programs.department_names'),
        'has_runs': 'true',
        'extracted_at': 'programs.extracted_at',
    }) }}
from {{ ref('stg_mitxonline__programs') }} as programs
