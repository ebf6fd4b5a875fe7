-- OCW courses in the canonical shape (upserted by url in the app; readable_id = number+term_year).
select
    {{ learn_resource_columns({
        'platform': "'ocw'",
        'readable_id': "c.primary_course_number || case when c.term is not null then '+' || replace(lower(trim(c.term)), ' ', '-') else '' end || case when c.year is not null then '_' || c.year else '' end",
        'resource_type': "'course'",
        'etl_source': "'ocw'",
        'offered_by': "'ocw'",
        'title': 'c.title',
        'description': "coalesce(c.description_html, '')",
        'url': learn_urljoin(var('ocw_base_url'), "c.url_path || '/'"),
        'image_url': learn_urljoin(var('ocw_base_url'), 'c.image_src'),
        'image_alt': 'c.image_alt',
        'image_description': 'c.image_description',
        'last_modified': 'c.last_modified',
        'published': 'true',
        'license_cc': 'true',
        'delivery': "case when c.hide_download then " ~ learn_list(['online']) ~ " else " ~ learn_list(['online', 'offline']) ~ " end",
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': "'anytime'",
        'topics': "case when " ~ learn_list_length('t.learn_topics') ~ " > 0 then t.learn_topics else coalesce(t.ocw_topics, " ~ learn_empty_list() ~ ") end",
        'departments': 'c.department_numbers',
        'ocw_topics': 'coalesce(t.ocw_topics, ' ~ learn_empty_list() ~ ')',
        'course_numbers': "coalesce(n.course_numbers, '[]')",
        'has_runs': 'true',
        'extracted_at': 'c.extracted_at',
    }) }}
from {{ ref('stg_ocw__courses') }} as c
left join {{ ref('int__ocw__topics') }} as t on t.object_key = c.object_key
left join {{ ref('int__ocw__course_numbers') }} as n on n.object_key = c.object_key
