-- Published integration view: document resources of ETL source mit_climate, with delimited topics, instructors and runs.
{{ learn_integration_view('mit_climate', 'document') }}
