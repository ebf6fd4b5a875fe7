{% macro region_sum(region) -%}
    sum(case when region = '{{ region }}' then amount else 0 end)
{%- endmacro %}

{% macro label(text) -%}
    {{ return(adapter.dispatch('label', 'features')(text)) }}
{%- endmacro %}

{% macro default__label(text) -%}'default:{{ text }}'{%- endmacro %}
{% macro duckdb__label(text) -%}'duckdb:{{ text }}'{%- endmacro %}
{% macro postgres__label(text) -%}'postgres:{{ text }}'{%- endmacro %}
