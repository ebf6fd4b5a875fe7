{#-
  A stable integer id from natural-key columns: the first 52 bits of the md5 of the key parts joined
  with a separator, so it fits a JavaScript number (53-bit safe) and is the same on DuckDB and PostgreSQL.
-#}
{% macro learn_id(columns) -%}
{{ return(adapter.dispatch('learn_id')(columns)) }}
{%- endmacro %}

{% macro learn_key_text(columns) -%}
concat_ws('||', {% for c in columns %}coalesce(cast({{ c }} as varchar), '~'){% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{% macro duckdb__learn_id(columns) -%}
cast(('0x' || substr(md5({{ learn_key_text(columns) }}), 1, 13)) as bigint)
{%- endmacro %}

{% macro postgres__learn_id(columns) -%}
(('x' || lpad(substr(md5({{ learn_key_text(columns) }}), 1, 13), 16, '0'))::bit(64)::bigint)
{%- endmacro %}
