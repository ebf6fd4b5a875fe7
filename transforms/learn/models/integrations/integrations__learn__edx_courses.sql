-- Published integration view: course resources of ETL source mit_edx, with delimited topics, instructors and runs.
{{ learn_integration_view('mit_edx', 'course') }}
