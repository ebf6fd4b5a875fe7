{#- A view; a table on PostgreSQL, where rebuilding a mart drops the views on it (see models/integrations/README.md). -#}
{{ config(materialized=('table' if target.type == 'postgres' else 'view')) }}
-- Published integration view: document resources of ETL source mit_climate, with delimited topics, instructors and runs.
{{ learn_integration_view('mit_climate', 'document') }}
