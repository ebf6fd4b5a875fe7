{#- Small built-ins that packages and generic tests call. -#}

{% macro should_store_failures() -%}
    {{ return(config.get('store_failures') or flags.STORE_FAILURES) }}
{%- endmacro %}

{% macro default__test_sql_header() -%}{%- endmacro %}
