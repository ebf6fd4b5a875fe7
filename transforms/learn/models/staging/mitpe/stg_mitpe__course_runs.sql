-- MIT PE runs: the n-th run id with the n-th start, end and enrollment end (dates are US/Eastern midnights).
select
    c.readable_id as course_readable_id,
    trim(run.run_id) as run_id,
    {{ learn_ts_eastern('trim(c.start_dates[run.n])') }} as start_date,
    {{ learn_ts_eastern('trim(c.end_dates[run.n])') }} as end_date,
    {{ learn_ts_eastern('trim(c.enrollment_end_dates[run.n])') }} as enrollment_end,
    c.extracted_at
from {{ ref('stg_mitpe__courses') }} as c
cross join lateral unnest(c.run_ids) with ordinality as run(run_id, n)
