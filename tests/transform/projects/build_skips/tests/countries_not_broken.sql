-- fails (returns every row) when the build is run with --vars '{break_test: true}'
select * from {{ ref('stg_countries') }}
where {{ 'true' if var('break_test', false) else 'false' }}
