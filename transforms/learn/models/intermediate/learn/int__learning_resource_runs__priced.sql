-- Runs with the loader's rules applied: prices cleared for archived runs and for resources without a
-- certificate; the run's rank as the resource's best run and whether it is the next one to start.
with runs as (
    select * from {{ ref('int__learning_resource_runs__unioned') }}
),

resources as (
    select learning_resource_id, certification from {{ ref('int__learning_resources__unioned') }}
),

priced as (
    select
        runs.*,
        case
            when runs.status = 'Archived' or not coalesce(resources.certification, false) then {{ learn_empty_prices() }}
            else coalesce(runs.prices, {{ learn_empty_prices() }})
        end as effective_prices,
        case
            when coalesce(runs.enrollment_start, runs.start_date) <= {{ learn_now() }}
                and coalesce(runs.enrollment_end, runs.end_date) > {{ learn_now() }} then 0
            when runs.start_date >= {{ learn_now() }} then 1
            when runs.start_date is not null then 2
            else 3
        end as best_run_class
    from runs
    left join resources on resources.learning_resource_id = runs.learning_resource_id
)

select
    priced.*,
    case
        when coalesce(priced.published, false) and not coalesce(priced.is_variant, false)
            then row_number() over (
                partition by priced.learning_resource_id,
                    coalesce(priced.published, false) and not coalesce(priced.is_variant, false)
                order by
                    priced.best_run_class,
                    case when priced.best_run_class in (0, 1) then priced.start_date end asc,
                    case when priced.best_run_class = 2 then priced.start_date end desc,
                    priced.end_date asc,
                    priced.run_id
            )
    end as best_run_rank,
    case
        when coalesce(priced.published, false) and not coalesce(priced.is_variant, false)
            and priced.start_date > {{ learn_now() }}
            then row_number() over (
                partition by priced.learning_resource_id,
                    coalesce(priced.published, false) and not coalesce(priced.is_variant, false)
                    and priced.start_date > {{ learn_now() }}
                order by priced.start_date, priced.run_id
            )
    end as next_run_rank
from priced
