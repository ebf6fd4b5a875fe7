{#- The app's transform_delivery: an upstream delivery string → a delivery code. -#}
{% macro learn_delivery(expr) -%}
case
    when nullif(trim({{ expr }}), '') is null then 'online'
    when trim({{ expr }}) = 'Blended' then 'hybrid'
    when trim({{ expr }}) in ('In Person', 'On Campus', 'In person') then 'in_person'
    when trim({{ expr }}) in ('Live Virtual', 'Live Online', 'Online') then 'online'
    when trim({{ expr }}) = 'Hybrid' then 'hybrid'
    when trim({{ expr }}) = 'Offline' then 'offline'
    else 'online'
end
{%- endmacro %}

{#- A topic name after the last ':' ("Business: Digital Business/IT" → "Digital Business/IT"). -#}
{% macro learn_topic_leaf(expr) -%}
trim(regexp_replace({{ expr }}, '^.*:', ''))
{%- endmacro %}


{#- Capture group `group` of the first match of `pattern` in `expr` (null when it does not match). -#}
{% macro learn_regexp_extract(expr, pattern, group=1) -%}
{{ return(adapter.dispatch('learn_regexp_extract')(expr, pattern, group)) }}
{%- endmacro %}
{% macro duckdb__learn_regexp_extract(expr, pattern, group) -%}
nullif(regexp_extract({{ expr }}, '{{ pattern }}', {{ group }}), '')
{%- endmacro %}
{% macro postgres__learn_regexp_extract(expr, pattern, group) -%}
nullif((regexp_match({{ expr }}, '{{ pattern }}'))[{{ group }}], '')
{%- endmacro %}

{#-
  The app's parse_resource_duration: min or max weeks of a duration text ("6 to 10 Weeks" → 6 / 10,
  "3 Days" → 1, "2 months" → 8, "9 semanas" → 9); null without a number or a known unit.
-#}
{% macro learn_duration_weeks(expr, which) -%}
{%- set n = learn_regexp_extract('lower(' ~ expr ~ ')', '^\\D*?(\\d+)(\\s*(to|-)\\s*(\\d+))?', 1 if which == 'min' else 4) -%}
{%- set first = learn_regexp_extract('lower(' ~ expr ~ ')', '^\\D*?(\\d+)', 1) -%}
{%- set value = 'cast(coalesce(' ~ n ~ ', ' ~ first ~ ') as integer)' -%}
case
    when {{ first }} is null then null
    when {{ learn_regexp_matches('lower(' ~ expr ~ ')', '(half-days?|days?|días|día|jours?)( |/|$)') }} then greatest(1, cast(ceil({{ value }} / 5.0) as integer))
    when {{ learn_regexp_matches('lower(' ~ expr ~ ')', '(months?|meses|mois|mesi|mes)( |/|$)') }} then {{ value }} * 4
    when {{ learn_regexp_matches('lower(' ~ expr ~ ')', '(weeks?|hours?|horas?|semanas?|semaines?|settimane?)( |/|$)') }} then {{ value }}
end
{%- endmacro %}

{#- The app's parse_resource_commitment: "6-8 hours/week" → 6 / 8, "8 hours/day" → 8 / 8. -#}
{% macro learn_commitment_hours(expr, which) -%}
{%- set first = learn_regexp_extract(expr, '^\\D*?(\\d+)\\D+', 1) -%}
{%- set second = learn_regexp_extract(expr, '^\\D*?\\d+\\D+(\\d+)', 1) -%}
{%- if which == 'min' -%}
cast({{ first }} as integer)
{%- else -%}
cast(case when {{ first }} is null then null else coalesce({{ second }}, {{ first }}) end as integer)
{%- endif -%}
{%- endmacro %}

{#- The few HTML entities the upstream feeds use, unescaped. -#}
{% macro learn_html_unescape(expr) -%}
replace(replace(replace(replace(replace(replace({{ expr }}, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#039;', ''''), '&#39;', ''''), '&amp;', '&')
{%- endmacro %}

{#- Does `pattern` match anywhere in `expr`? -#}
{% macro learn_regexp_matches(expr, pattern) -%}
{{ return(adapter.dispatch('learn_regexp_matches')(expr, pattern)) }}
{%- endmacro %}
{% macro duckdb__learn_regexp_matches(expr, pattern) -%}regexp_matches({{ expr }}, '{{ pattern }}'){%- endmacro %}
{% macro postgres__learn_regexp_matches(expr, pattern) -%}({{ expr }} ~ '{{ pattern }}'){%- endmacro %}

{#- The app's transform_levels for one label: a LevelType label → its code, anything else → null. -#}
{% macro learn_level_code(expr) -%}
case {{ expr }}
    when 'Undergraduate' then 'undergraduate'
    when 'Graduate' then 'graduate'
    when 'High School' then 'high_school'
    when 'Non-Credit' then 'noncredit'
    when 'Advanced' then 'advanced'
    when 'Intermediate' then 'intermediate'
    when 'Introductory' then 'introductory'
end
{%- endmacro %}
