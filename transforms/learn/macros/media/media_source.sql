{#-
  A raw table of a media connector, or an empty relation with the same columns when that connector has not
  landed anything yet (a fresh lakehouse), so the project builds before the first sync.
  `columns` maps each column the staging model reads to its type.
-#}
{% macro media_source(source_name, table_name, columns) -%}
  {%- set rel = source(source_name, table_name) -%}
  {%- set found = adapter.get_relation(database=rel.database, schema=rel.schema, identifier=rel.identifier) if execute else none -%}
  {%- if found is not none -%}
    select {% for name in columns %}{{ name }}{{ ', ' if not loop.last }}{% endfor %}, _airbyte_raw_id, _airbyte_extracted_at
    from {{ rel }}
  {%- else -%}
    select {% for name, type in columns.items() %}cast(null as {{ media_type(type) }}) as {{ name }}, {% endfor -%}
      cast(null as varchar) as _airbyte_raw_id, cast(null as timestamp with time zone) as _airbyte_extracted_at
    where 1 = 0
  {%- endif -%}
{%- endmacro %}

{#- The engine's spelling of a column type: `json` is jsonb on PostgreSQL. -#}
{% macro media_type(type) -%}
  {%- if type == 'json' and target.type == 'postgres' -%}jsonb{%- else -%}{{ type }}{%- endif -%}
{%- endmacro %}

{#- Text at a JSON path (a list of keys) of a JSON column. -#}
{% macro media_json_text(col, path) -%}
  {%- if target.type == 'postgres' -%}
    (cast({{ col }} as jsonb) #>> '{ {{- path | join(',') -}} }')
  {%- else -%}
    json_extract_string({{ col }}, '{{ media_duckdb_path(path) }}')
  {%- endif -%}
{%- endmacro %}

{#- A DuckDB JSON path from a key list; integers index arrays. -#}
{% macro media_duckdb_path(path) -%}
  ${% for k in path %}{% if k is number %}[{{ k }}]{% else %}."{{ k }}"{% endif %}{% endfor %}
{%- endmacro %}

{#- The JSON value at a path, as JSON (jsonb on PostgreSQL). -#}
{% macro media_json(col, path) -%}
  {%- if target.type == 'postgres' -%}
    (cast({{ col }} as jsonb) #> '{ {{- path | join(',') -}} }')
  {%- else -%}
    json_extract({{ col }}, '{{ media_duckdb_path(path) }}')
  {%- endif -%}
{%- endmacro %}

{#- text[] of the text at `inner` (a key list) of every element of the JSON array at `path`, in order. -#}
{% macro media_json_list(col, path, inner=[]) -%}
  {%- if target.type == 'postgres' -%}
    coalesce(array(select e.value #>> '{ {{- inner | join(',') -}} }' from jsonb_array_elements(
      case when jsonb_typeof(cast({{ col }} as jsonb) #> '{ {{- path | join(',') -}} }') = 'array'
        then cast({{ col }} as jsonb) #> '{ {{- path | join(',') -}} }' else '[]'::jsonb end
    ) with ordinality as e(value, n) order by e.n), cast(array[] as text[]))
  {%- else -%}
    coalesce(cast(json_extract_string({{ col }}, '$.{% for k in path %}"{{ k }}"{{ '.' if not loop.last }}{% endfor %}[*]{% for k in inner %}."{{ k }}"{% endfor %}') as text[]), cast([] as text[]))
  {%- endif -%}
{%- endmacro %}

{#- An empty text[]. -#}
{% macro media_empty_list() -%}
  {%- if target.type == 'postgres' -%}cast(array[] as text[]){%- else -%}cast([] as text[]){%- endif -%}
{%- endmacro %}

{#- A text[] literal. -#}
{% macro media_list(values) -%}
  {%- if target.type == 'postgres' -%}cast(array[{% for v in values %}'{{ v }}'{{ ', ' if not loop.last }}{% endfor %}] as text[])
  {%- else -%}cast([{% for v in values %}'{{ v }}'{{ ', ' if not loop.last }}{% endfor %}] as text[]){%- endif -%}
{%- endmacro %}

{#- An ISO-8601 text timestamp as timestamp with time zone (an offset-less value is UTC). -#}
{% macro media_ts(expr) -%}
  cast(nullif({{ expr }}, '') as timestamp with time zone)
{%- endmacro %}

{#- A naive wall-clock timestamp read as US/Eastern (DST-aware), as timestamp with time zone. -#}
{% macro media_eastern(expr) -%}
  (cast({{ expr }} as timestamp) at time zone 'America/New_York')
{%- endmacro %}

{#- The build's "now" (var `learn_now`, an ISO timestamp; the current time when unset). -#}
{% macro media_now() -%}
  {%- if var('learn_now', none) -%}cast('{{ var('learn_now') }}' as timestamp with time zone){%- else -%}current_timestamp{%- endif -%}
{%- endmacro %}

{#- An itunes:duration ("1865", "17:16", "00:17:16") as an ISO-8601 duration ("PT31M5S"); null when empty. -#}
{% macro media_iso_duration(expr) -%}
  {%- set colons = "(length(" ~ expr ~ ") - length(replace(" ~ expr ~ ", ':', '')))" -%}
  {%- set part = "cast(nullif(trim(split_part(" ~ expr ~ ", ':', %d)), '') as integer)" -%}
  {%- set total -%}
    (case {{ colons }}
      when 2 then coalesce({{ part % 1 }}, 0) * 3600 + coalesce({{ part % 2 }}, 0) * 60 + coalesce({{ part % 3 }}, 0)
      when 1 then coalesce({{ part % 1 }}, 0) * 60 + coalesce({{ part % 2 }}, 0)
      else coalesce({{ part % 1 }}, 0)
    end)
  {%- endset -%}
  case when nullif(trim({{ expr }}), '') is null then null else
    'PT'
    || case when {{ total }} >= 3600 then cast(cast(floor({{ total }} / 3600.0) as integer) as varchar) || 'H' else '' end
    || case when mod({{ total }}, 3600) >= 60 then cast(cast(floor(mod({{ total }}, 3600) / 60.0) as integer) as varchar) || 'M' else '' end
    || case when mod({{ total }}, 60) > 0 or {{ total }} = 0 then cast(mod({{ total }}, 60) as varchar) || 'S' else '' end
  end
{%- endmacro %}

{#- The columns of int__<source>__learning_resources a media source leaves empty, in the README's order, from
    `resource_category` on; `after` fills languages..extracted_at. -#}
{#- Group `group` of the first match of a POSIX regex (null when none). -#}
{% macro media_regexp(expr, pattern, group) -%}
  {%- if target.type == 'postgres' -%}(regexp_match({{ expr }}, '{{ pattern }}'))[{{ group }}]
  {%- else -%}nullif(regexp_extract({{ expr }}, '{{ pattern }}', {{ group }}), ''){%- endif -%}
{%- endmacro %}

{#- A text[] sorted ascending. -#}
{% macro media_sorted(expr) -%}
  {%- if target.type == 'postgres' -%}coalesce(array(select x from unnest({{ expr }}) as u(x) order by x), cast(array[] as text[]))
  {%- else -%}list_sort({{ expr }}){%- endif -%}
{%- endmacro %}

{#- HTML entity unescaping of the common named and numeric entities (&amp; last, so "&amp;lt;" stays "&lt;"). -#}
{% macro media_unescape(expr) -%}
  replace(replace(replace(replace(replace(replace(replace(replace({{ expr }},
    '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&#039;', ''''), '&nbsp;', ' '), '&rsquo;', '’'), '&amp;', '&')
{%- endmacro %}

{#- Text without HTML tags, trimmed. -#}
{% macro media_strip_tags(expr) -%}
  trim(regexp_replace(coalesce({{ expr }}, ''), '<[^>]*>', '', 'g'))
{%- endmacro %}

{#- A "Month D, YYYY" date (null when the text is anything else). -#}
{% macro media_month_date(expr) -%}
  case when {{ expr }} ~ '^[A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}$' then
  {%- if target.type == 'postgres' %} to_date({{ expr }}, 'FMMonth DD, YYYY')
  {%- else %} cast(strptime({{ expr }}, '%B %d, %Y') as date)
  {%- endif %} end
{%- endmacro %}
