-- Archived runs and runs of resources without a certificate carry no price; a resource's prices are those of
-- one of its runs (its best run), and an uncertified or unpublished resource has none.
select 'run' as kind, run.id, run.run_id as key
from {{ ref('learning_resource_run') }} as run
inner join {{ ref('learning_resource') }} as r on r.id = run.learning_resource_id
where {{ learn_list_length('run.prices') }} > 0 and (run.status = 'Archived' or not r.certification)
union all
select 'resource', r.id, r.readable_id
from {{ ref('learning_resource') }} as r
where {{ learn_list_length('r.prices') }} > 0
    and (
        not r.certification or not r.published
        or not exists (
            select 1 from {{ ref('learning_resource_run') }} as run
            where run.learning_resource_id = r.id
                and array_to_string(run.prices, ',') = array_to_string(r.prices, ',')
        )
    )
