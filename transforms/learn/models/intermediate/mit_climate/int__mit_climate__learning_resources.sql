-- MIT Climate articles: documents (resource_category Article), platform and offeror climate.
select
    {{ learn_resource_columns({
        'platform': "'climate'",
        'readable_id': 'readable_id',
        'resource_type': "'document'",
        'etl_source': "'mit_climate'",
        'offered_by': "'climate'",
        'title': 'title',
        'description': 'summary',
        'full_description': "concat_ws(chr(10), coalesce(summary, ''), coalesce(footnotes, ''), coalesce(byline, ''))",
        'url': "'https://climate.mit.edu' || url_path",
        'image_url': "'https://climate.mit.edu' || coalesce(image_src, 'None')",
        'image_alt': "coalesce(image_alt, '')",
        'resource_category': "'Article'",
        'last_modified': 'created',
        'published': 'true',
        'topics': 'topic_names',
        'has_runs': 'false',
        'extracted_at': 'extracted_at',
    }) }}
from {{ ref('stg_mit_climate__articles') }}
