{#- A view; a table on PostgreSQL, where rebuilding a mart drops the views on it (see models/integrations/README.md). -#}
{{ config(materialized=('table' if target.type == 'postgres' else 'view')) }}
-- Published integration view: program resources of ETL source mitxonline, with delimited topics, instructors and runs.
{{ learn_integration_view('mitxonline', 'program') }}
