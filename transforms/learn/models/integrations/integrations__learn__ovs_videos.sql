-- Published integration view: video resources of ETL source ovs, with delimited topics, instructors and runs.
{{ learn_integration_view('ovs', 'video') }}
