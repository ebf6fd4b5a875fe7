-- Published integration view: course resources of ETL source xpro, with delimited topics, instructors and runs.
{{ learn_integration_view('xpro', 'course') }}
