{#- urljoin-like: an absolute URL is kept, a path is appended to the base (null stays null). -#}
{% macro learn_urljoin(base, expr) -%}
case
    when nullif({{ expr }}, '') is null then null
    when {{ expr }} like 'http://%' or {{ expr }} like 'https://%' then {{ expr }}
    when '{{ base }}' = '' then {{ expr }}
    else rtrim('{{ base }}', '/') || '/' || ltrim({{ expr }}, '/')
end
{%- endmacro %}

{#- The department ids whose names are in a list of names (the app's reverse DEPARTMENTS lookup). -#}
{% macro learn_department_ids_from_names(names_expr) -%}
{{ return(adapter.dispatch('learn_department_ids_from_names')(names_expr)) }}
{%- endmacro %}
{% macro duckdb__learn_department_ids_from_names(names_expr) -%}
coalesce((select list(d.department_id order by d.department_id) from {{ ref('departments') }} as d where list_contains({{ names_expr }}, d.name)), cast(array[] as text[]))
{%- endmacro %}
{% macro postgres__learn_department_ids_from_names(names_expr) -%}
coalesce((select array_agg(d.department_id order by d.department_id)::text[] from {{ ref('departments') }} as d where d.name = any({{ names_expr }})), cast(array[] as text[]))
{%- endmacro %}
