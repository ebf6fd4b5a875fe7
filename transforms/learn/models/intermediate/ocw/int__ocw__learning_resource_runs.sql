-- OCW runs: one published run per course (run_id = legacy_uid or site_uid without dashes).
with instructors as (
    select
        c.object_key,
        cast(array_agg(
            coalesce(
                nullif(i.value ->> 'title', ''),
                trim(concat_ws(' ', nullif(i.value ->> 'salutation', ''), nullif(i.value ->> 'first_name', ''),
                    nullif(i.value ->> 'middle_initial', ''), nullif(i.value ->> 'last_name', '')))
            ) order by i.n
        ) as text[]) as names
    from {{ ref('stg_ocw__courses') }} as c
    cross join lateral {{ learn_json_elements('c.instructors') }} with ordinality as i(value, n)
    group by c.object_key
)

select
    {{ learn_run_columns({
        'platform': "'ocw'",
        'readable_id': "c.primary_course_number || case when c.term is not null then '+' || replace(lower(trim(c.term)), ' ', '-') else '' end || case when c.year is not null then '_' || c.year else '' end",
        'resource_type': "'course'",
        'run_id': "replace(coalesce(c.legacy_uid, c.site_uid), '-', '')",
        'title': "coalesce(c.title, '')",
        'description': "coalesce(c.description_html, '')",
        'url': learn_urljoin(var('ocw_base_url'), "c.url_path || '/'"),
        'image_url': learn_urljoin(var('ocw_base_url'), 'c.image_src'),
        'image_alt': "coalesce(c.image_alt, '')",
        'published': 'true',
        'is_variant': 'false',
        'status': "'Current'",
        'last_modified': 'c.last_modified',
        'level': learn_list_compact(learn_list_map('c.level_labels', learn_level_code('x'))),
        'slug': 'c.url_path',
        'semester': 'c.term',
        'year': "cast(case when c.year ~ '^[0-9]+$' then c.year end as integer)" if target.type == 'postgres' else "try_cast(c.year as integer)",
        'instructors': 'coalesce(instructors.names, ' ~ learn_empty_list() ~ ')',
        'delivery': "case when c.hide_download then " ~ learn_list(['online']) ~ " else " ~ learn_list(['online', 'offline']) ~ " end",
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': "'anytime'",
    }) }}
from {{ ref('stg_ocw__courses') }} as c
left join instructors on instructors.object_key = c.object_key
