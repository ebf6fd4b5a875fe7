{#- Cross-engine helpers for lists, JSON and timestamps (DuckDB and PostgreSQL). -#}

{#- A list literal of strings: learn_list(['a', 'b']) -#}
{% macro learn_list(values) -%}
cast(array[{% for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor %}] as text[])
{%- endmacro %}

{% macro learn_empty_list() -%}cast(array[] as text[]){%- endmacro %}

{% macro learn_empty_prices() -%}cast(array[] as decimal(12,2)[]){%- endmacro %}

{#- Split a delimited string into a list of trimmed, non-empty parts, order kept. -#}
{% macro learn_split(expr, delimiter) -%}
{{ return(adapter.dispatch('learn_split')(expr, delimiter)) }}
{%- endmacro %}
{% macro duckdb__learn_split(expr, delimiter) -%}
list_filter(list_transform(string_split(coalesce({{ expr }}, ''), '{{ delimiter }}'), x -> trim(x)), x -> x <> '')
{%- endmacro %}
{% macro postgres__learn_split(expr, delimiter) -%}
array(select trim(p.part) from unnest(string_to_array(coalesce({{ expr }}, ''), '{{ delimiter }}')) with ordinality as p(part, n) where trim(p.part) <> '' order by p.n)::text[]
{%- endmacro %}

{#- The elements of a JSON array, as a set-returning relation for `cross join lateral ... with ordinality as e(value, n)`. -#}
{% macro learn_json_elements(expr) -%}
{{ return(adapter.dispatch('learn_json_elements')(expr)) }}
{%- endmacro %}
{% macro duckdb__learn_json_elements(expr) -%}
unnest(cast(case when json_type({{ expr }}) = 'ARRAY' then {{ expr }} end as json[]))
{%- endmacro %}
{% macro postgres__learn_json_elements(expr) -%}
json_array_elements(case when json_typeof(cast({{ expr }} as json)) = 'array' then cast({{ expr }} as json) end)
{%- endmacro %}

{#- A JSON array of strings as a list. -#}
{% macro learn_json_string_list(expr) -%}
{{ return(adapter.dispatch('learn_json_string_list')(expr)) }}
{%- endmacro %}
{% macro duckdb__learn_json_string_list(expr) -%}
coalesce(cast(case when json_type({{ expr }}) = 'ARRAY' then json_extract_string({{ expr }}, '$[*]') end as text[]), cast(array[] as text[]))
{%- endmacro %}
{% macro postgres__learn_json_string_list(expr) -%}
coalesce(array(select e.v from json_array_elements_text(case when json_typeof(cast({{ expr }} as json)) = 'array' then cast({{ expr }} as json) end) with ordinality as e(v, n) order by e.n)::text[], cast(array[] as text[]))
{%- endmacro %}

{#- One key of every object of a JSON array, as a list of strings. -#}
{% macro learn_json_pluck(expr, key) -%}
{{ return(adapter.dispatch('learn_json_pluck')(expr, key)) }}
{%- endmacro %}
{% macro duckdb__learn_json_pluck(expr, key) -%}
coalesce(cast(case when json_type({{ expr }}) = 'ARRAY' then list_filter(json_extract_string({{ expr }}, '$[*].{{ key }}'), x -> x is not null) end as text[]), cast(array[] as text[]))
{%- endmacro %}
{% macro postgres__learn_json_pluck(expr, key) -%}
coalesce(array(select e.v ->> '{{ key }}' from json_array_elements(case when json_typeof(cast({{ expr }} as json)) = 'array' then cast({{ expr }} as json) end) with ordinality as e(v, n) where e.v ->> '{{ key }}' is not null order by e.n)::text[], cast(array[] as text[]))
{%- endmacro %}

{#- Number of elements of a list. -#}
{% macro learn_list_length(expr) -%}
{{ return(adapter.dispatch('learn_list_length')(expr)) }}
{%- endmacro %}
{% macro duckdb__learn_list_length(expr) -%}coalesce(len({{ expr }}), 0){%- endmacro %}
{% macro postgres__learn_list_length(expr) -%}coalesce(cardinality({{ expr }}), 0){%- endmacro %}

{#- A list joined with a delimiter (null for an empty list). -#}
{% macro learn_list_join(expr, delimiter) -%}
nullif(array_to_string({{ expr }}, '{{ delimiter }}'), '')
{%- endmacro %}

{#- An ISO-8601 string read as its wall-clock time in UTC, ignoring any offset ("replace-UTC"). -#}
{% macro learn_ts_replace_utc(expr) -%}
(cast(replace(substr(nullif({{ expr }}, ''), 1, 19), 'T', ' ') as timestamp) at time zone 'UTC')
{%- endmacro %}

{#- An ISO-8601 string with its offset honoured. -#}
{% macro learn_ts(expr) -%}
cast(nullif({{ expr }}, '') as timestamp with time zone)
{%- endmacro %}

{#- A wall-clock time read as US/Eastern (DST-aware), converted to UTC. -#}
{% macro learn_ts_eastern(expr) -%}
(cast(replace(substr(nullif({{ expr }}, ''), 1, 19), 'T', ' ') as timestamp) at time zone 'America/New_York')
{%- endmacro %}

{#- "Now" for the run-dependent rules: the `learn_now` var when set (tests pin it), else the build time. -#}
{% macro learn_now() -%}
{%- if var('learn_now', none) -%}cast('{{ var("learn_now") }}' as timestamp with time zone){%- else -%}current_timestamp{%- endif -%}
{%- endmacro %}

{#- Is `value` an element of the list `expr`? -#}
{% macro learn_list_contains(expr, value) -%}
({{ value }} = any({{ expr }}))
{%- endmacro %}

{#- The JSON column type of the contracts: DuckDB JSON, PostgreSQL jsonb. -#}
{% macro learn_json_type() -%}
{{ return(adapter.dispatch('learn_json_type')()) }}
{%- endmacro %}
{% macro duckdb__learn_json_type() -%}json{%- endmacro %}
{% macro postgres__learn_json_type() -%}jsonb{%- endmacro %}

{#- Apply an expression of `x` to every element of a list, order kept. -#}
{% macro learn_list_map(list_expr, body) -%}
{{ return(adapter.dispatch('learn_list_map')(list_expr, body)) }}
{%- endmacro %}
{% macro duckdb__learn_list_map(list_expr, body) -%}
list_transform({{ list_expr }}, x -> {{ body }})
{%- endmacro %}
{% macro postgres__learn_list_map(list_expr, body) -%}
array(select {{ body }} from unnest({{ list_expr }}) with ordinality as u(x, n) order by u.n)::text[]
{%- endmacro %}

{#- A list without its null elements. -#}
{% macro learn_list_compact(list_expr) -%}
{{ return(adapter.dispatch('learn_list_compact')(list_expr)) }}
{%- endmacro %}
{% macro duckdb__learn_list_compact(list_expr) -%}list_filter({{ list_expr }}, x -> x is not null){%- endmacro %}
{% macro postgres__learn_list_compact(list_expr) -%}array_remove({{ list_expr }}, null){%- endmacro %}

{#- A JSON scalar as text (a JSON string without its quotes). -#}
{% macro learn_json_text(expr) -%}
{{ return(adapter.dispatch('learn_json_text')(expr)) }}
{%- endmacro %}
{% macro duckdb__learn_json_text(expr) -%}json_extract_string({{ expr }}, '$'){%- endmacro %}
{% macro postgres__learn_json_text(expr) -%}(cast({{ expr }} as json) #>> '{}'){%- endmacro %}
