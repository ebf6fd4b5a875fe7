-- Offerors (LearningResourceOfferor), from the app's seed; list cells are JSON arrays.
select
    cast(code as varchar) as code,
    cast(name as varchar) as name,
    cast(professional as boolean) as professional,
    {{ learn_json_string_list('cast(offerings as json)') }} as offerings,
    {{ learn_json_string_list('cast(audience as json)') }} as audience,
    {{ learn_json_string_list('cast(formats as json)') }} as formats,
    {{ learn_json_string_list('cast(fee as json)') }} as fee,
    {{ learn_json_string_list('cast(certifications as json)') }} as certifications,
    {{ learn_json_string_list('cast(content_types as json)') }} as content_types,
    cast(more_information as varchar) as more_information,
    cast(value_prop as varchar) as value_prop,
    true as display_facet
from {{ ref('offerors') }}
