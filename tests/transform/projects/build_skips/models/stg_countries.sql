select code, name from {{ ref('countries') }}
{% if var('break_model', false) %}
where no_such_column = 1
{% endif %}
