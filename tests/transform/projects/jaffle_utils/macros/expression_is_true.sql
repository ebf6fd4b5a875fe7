{% test expression_is_true(model, expression, column_name=None) %}
{#- Rows where the expression does not hold; with a column, the expression is applied to it. -#}
{% set column_list = '*' if should_store_failures() else "1" %}
select {{ column_list }}
from {{ model }}
{% if column_name is none %}
where not({{ expression }})
{%- else %}
where not({{ column_name }} {{ expression }})
{%- endif %}
{% endtest %}
