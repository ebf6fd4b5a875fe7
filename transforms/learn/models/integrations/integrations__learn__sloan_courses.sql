-- Published integration view: course resources of ETL source see, with delimited topics, instructors and runs.
{{ learn_integration_view('see', 'course') }}
