-- Published integration view: course resources of ETL source ocw, with delimited topics, instructors and runs.
{{ learn_integration_view('ocw', 'course') }}
