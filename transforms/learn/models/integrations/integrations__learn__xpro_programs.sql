-- Published integration view: program resources of ETL source xpro, with delimited topics, instructors and runs.
{{ learn_integration_view('xpro', 'program') }}
