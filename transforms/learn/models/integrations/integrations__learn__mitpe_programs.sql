-- Published integration view: program resources of ETL source mitpe, with delimited topics, instructors and runs.
{{ learn_integration_view('mitpe', 'program') }}
