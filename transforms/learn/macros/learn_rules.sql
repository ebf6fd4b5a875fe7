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

