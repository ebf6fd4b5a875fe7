-- Published integration view: course resources of ETL source oll, with delimited topics, instructors and runs.
{{ learn_integration_view('oll', 'course') }}
