-- Published integration view: program resources of ETL source mitxonline, with delimited topics, instructors and runs.
{{ learn_integration_view('mitxonline', 'program') }}
