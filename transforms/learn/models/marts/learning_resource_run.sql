-- One row per run (LearningResourceRun), keyed by resource + run_id; prices after the loader's rules.
select
    runs.learning_resource_run_id as id,
    runs.learning_resource_id,
    runs.run_id,
    runs.title,
    runs.description,
    runs.full_description,
    runs.url,
    case when runs.image_url is not null
        then {{ learn_id(['runs.image_url', "cast(null as varchar)", 'runs.image_alt']) }}
    end as image_id,
    coalesce(runs.published, false) as published,
    coalesce(runs.is_variant, false) as is_variant,
    runs.status,
    runs.last_modified,
    runs.languages,
    coalesce(runs.level, {{ learn_empty_list() }}) as level,
    runs.slug,
    runs.semester,
    runs.year,
    runs.start_date,
    runs.end_date,
    runs.enrollment_start,
    runs.enrollment_end,
    runs.effective_prices as prices,
    runs.checksum,
    runs.archive_key,
    coalesce(runs.delivery, resources.delivery, {{ learn_list(['online']) }}) as delivery,
    coalesce(runs.pace, {{ learn_list(['self_paced']) }}) as pace,
    coalesce(runs.format, {{ learn_list(['asynchronous']) }}) as format,
    runs.availability,
    runs.location,
    runs.duration,
    runs.min_weeks,
    runs.max_weeks,
    runs.time_commitment,
    runs.min_weekly_hours,
    runs.max_weekly_hours
from {{ ref('int__learning_resource_runs__priced') }} as runs
inner join {{ ref('int__learning_resources__unioned') }} as resources
    on resources.learning_resource_id = runs.learning_resource_id
