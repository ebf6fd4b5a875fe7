{#-
  The canonical intermediate shapes (models/intermediate/README.md). Each macro takes a dict of column →
  SQL expression and renders the full select list in canonical order and types; a column not given is a
  typed null (lists: an empty list for the not-null ones).
-#}

{% macro learn_resource_column_types() -%}
{{ return([
    ('platform', 'varchar'), ('readable_id', 'varchar'), ('resource_type', 'varchar'), ('etl_source', 'varchar'),
    ('offered_by', 'varchar'), ('title', 'varchar'), ('description', 'varchar'), ('full_description', 'varchar'),
    ('url', 'varchar'), ('image_url', 'varchar'), ('image_alt', 'varchar'), ('image_description', 'varchar'),
    ('resource_category', 'varchar'), ('languages', 'text[]'), ('last_modified', 'timestamp with time zone'),
    ('published', 'boolean'), ('test_mode', 'boolean'), ('professional', 'boolean'), ('certification', 'boolean'),
    ('certification_type', 'varchar'), ('license_cc', 'boolean'), ('delivery', 'text[]'), ('pace', 'text[]'),
    ('format', 'text[]'), ('availability', 'varchar'), ('location', 'varchar'), ('duration', 'varchar'),
    ('min_weeks', 'integer'), ('max_weeks', 'integer'), ('time_commitment', 'varchar'),
    ('min_weekly_hours', 'integer'), ('max_weekly_hours', 'integer'), ('continuing_ed_credits', 'decimal(5,2)'),
    ('topics', 'text[]'), ('departments', 'text[]'), ('ocw_topics', 'text[]'), ('course_numbers', 'varchar'),
    ('has_runs', 'boolean'), ('extracted_at', 'timestamp with time zone'),
]) }}
{%- endmacro %}

{% macro learn_run_column_types() -%}
{{ return([
    ('platform', 'varchar'), ('readable_id', 'varchar'), ('resource_type', 'varchar'), ('run_id', 'varchar'),
    ('title', 'varchar'), ('description', 'varchar'), ('full_description', 'varchar'), ('url', 'varchar'),
    ('image_url', 'varchar'), ('image_alt', 'varchar'), ('published', 'boolean'), ('is_variant', 'boolean'),
    ('status', 'varchar'), ('last_modified', 'timestamp with time zone'), ('languages', 'text[]'),
    ('level', 'text[]'), ('slug', 'varchar'), ('semester', 'varchar'), ('year', 'integer'),
    ('start_date', 'timestamp with time zone'), ('end_date', 'timestamp with time zone'),
    ('enrollment_start', 'timestamp with time zone'), ('enrollment_end', 'timestamp with time zone'),
    ('prices', 'decimal(12,2)[]'), ('currency', 'varchar'), ('instructors', 'text[]'),
    ('delivery', 'text[]'), ('pace', 'text[]'), ('format', 'text[]'), ('availability', 'varchar'),
    ('location', 'varchar'), ('duration', 'varchar'), ('min_weeks', 'integer'), ('max_weeks', 'integer'),
    ('time_commitment', 'varchar'), ('min_weekly_hours', 'integer'), ('max_weekly_hours', 'integer'),
    ('checksum', 'varchar'), ('archive_key', 'varchar'),
]) }}
{%- endmacro %}

{% macro learn_relationship_column_types() -%}
{{ return([
    ('parent_platform', 'varchar'), ('parent_readable_id', 'varchar'), ('parent_resource_type', 'varchar'),
    ('child_platform', 'varchar'), ('child_readable_id', 'varchar'), ('child_resource_type', 'varchar'),
    ('relation_type', 'varchar'), ('position', 'integer'),
]) }}
{%- endmacro %}

{% macro learn_select_columns(types, values) -%}
{%- for name, type in types %}
    cast({{ values.get(name, 'null') }} as {{ type }}) as {{ name }}{% if not loop.last %},{% endif %}
{%- endfor %}
{%- endmacro %}

{% macro learn_resource_columns(values) -%}{{ learn_select_columns(learn_resource_column_types(), values) }}{%- endmacro %}
{% macro learn_run_columns(values) -%}{{ learn_select_columns(learn_run_column_types(), values) }}{%- endmacro %}
{% macro learn_relationship_columns(values) -%}{{ learn_select_columns(learn_relationship_column_types(), values) }}{%- endmacro %}
