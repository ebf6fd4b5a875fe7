-- Sloan Executive Education courses that have offerings and a URL (ETL source `see`, platform and offeror see).
with runs as (
    select
        readable_id,
        array_agg(distinct delivery[1] order by delivery[1]) as delivery,
        bool_or({{ learn_list_contains('pace', "'self_paced'") }}) as self_paced,
        bool_or({{ learn_list_contains('pace', "'instructor_paced'") }}) as instructor_paced,
        bool_or({{ learn_list_contains('format', "'synchronous'") }}) as synchronous,
        bool_or({{ learn_list_contains('format', "'asynchronous'") }}) as asynchronous
    from {{ ref('int__sloan__learning_resource_runs') }}
    group by readable_id
),

credits as (
    select course_id, continuing_ed_credits,
        row_number() over (partition by course_id order by start_date, run_id) as n
    from {{ ref('stg_sloan__course_offerings') }}
)

select
    {{ learn_resource_columns({
        'platform': "'see'",
        'readable_id': 'c.readable_id',
        'resource_type': "'course'",
        'etl_source': "'see'",
        'offered_by': "'see'",
        'title': 'c.title',
        'description': 'c.description',
        'url': 'c.url',
        'image_url': 'c.image_src',
        'image_alt': 'case when c.image_src is not null then c.title end',
        'image_description': 'case when c.image_src is not null then c.title end',
        'last_modified': 'c.last_modified',
        'published': 'true',
        'professional': 'true',
        'certification': 'true',
        'certification_type': "'professional'",
        'delivery': 'runs.delivery',
        'pace': "case when runs.self_paced and runs.instructor_paced then " ~ learn_list(['instructor_paced', 'self_paced']) ~ " when runs.self_paced then " ~ learn_list(['self_paced']) ~ " else " ~ learn_list(['instructor_paced']) ~ " end",
        'format': "case when runs.synchronous and runs.asynchronous then " ~ learn_list(['asynchronous', 'synchronous']) ~ " when runs.synchronous then " ~ learn_list(['synchronous']) ~ " else " ~ learn_list(['asynchronous']) ~ " end",
        'continuing_ed_credits': 'credits.continuing_ed_credits',
        'topics': 'cast(array[c.topic_name] as text[])',
        'course_numbers': "'[]'",
        'has_runs': 'true',
        'extracted_at': 'c.extracted_at',
    }) }}
from {{ ref('stg_sloan__courses') }} as c
inner join runs on runs.readable_id = c.readable_id
left join credits on credits.course_id = c.readable_id and credits.n = 1
where c.url is not null
