-- OLL courses (platform oll; offered by ocw or mitx per the sheet's "Offered by").
select
    {{ learn_resource_columns({
        'platform': "'oll'",
        'readable_id': "case when offered_by = 'OCW' then oll_course || '+' || lower(coalesce(run_semester, '')) || '_' || coalesce(run_year, '') else 'MITx+' || oll_course end",
        'resource_type': "'course'",
        'etl_source': "'oll'",
        'offered_by': "case when offered_by = 'OCW' then 'ocw' else 'mitx' end",
        'title': 'title',
        'description': 'description',
        'full_description': 'description',
        'url': 'url',
        'image_url': 'image_url',
        'image_alt': 'case when image_url is not null then title end',
        'published': 'published',
        'license_cc': 'license_cc',
        'pace': learn_list(['self_paced']),
        'format': learn_list(['asynchronous']),
        'availability': "'anytime'",
        'topics': 'topic_names',
        'course_numbers': "'[{\"value\": \"' || oll_course || '\", \"listing_type\": \"primary\", \"department\": null, \"sort_coursenum\": \"' || oll_course || '\", \"primary\": true}]'",
        'has_runs': 'true',
        'extracted_at': 'extracted_at',
    }) }}
from {{ ref('stg_oll__courses') }}
