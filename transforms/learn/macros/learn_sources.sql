{#-
  The sources whose intermediate models the marts union (models/intermediate/README.md). A source is listed
  under each shape it produces.
-#}
{% macro learn_resource_sources() -%}
{{ return(['mitxonline', 'xpro', 'edx', 'mitpe', 'sloan', 'mit_climate', 'oll', 'ocw', 'ovs', 'podcasts', 'youtube']) }}
{%- endmacro %}

{% macro learn_run_sources() -%}
{{ return(['mitxonline', 'xpro', 'edx', 'mitpe', 'sloan', 'oll', 'ocw', 'podcasts', 'youtube']) }}
{%- endmacro %}

{% macro learn_relationship_sources() -%}
{{ return(['mitxonline', 'xpro', 'edx', 'mitpe', 'ovs', 'podcasts', 'youtube']) }}
{%- endmacro %}

{#- `select * from int__<source>__<suffix>` for each source, joined with union all. -#}
{% macro learn_union(sources, suffix) -%}
{%- for s in sources %}
select * from {{ ref('int__' ~ s ~ '__' ~ suffix) }}
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}
{%- endmacro %}
