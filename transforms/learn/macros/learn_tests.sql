{#- Rows whose combination of columns is not unique. -#}
{% test learn_unique_combination(model, combination) %}
select {{ combination | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ combination | join(', ') }}
having count(*) > 1
{% endtest %}

{#- Rows of a list column with an element outside the accepted values. -#}
{% test learn_list_values(model, column_name, values) %}
select *
from {{ model }}
cross join lateral unnest({{ column_name }}) as element(value)
where element.value not in ({% for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor %})
{% endtest %}
