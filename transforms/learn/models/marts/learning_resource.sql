-- One row per catalog item (LearningResource), keyed like the app: platform + readable_id + resource_type.
-- Business rules: a course or program with no published run is unpublished, so is a blocklisted readable id;
-- run-dependent values (availability, prices, next_start_date...) come from the best run.
with resources as (
    select * from {{ ref('int__learning_resources__unioned') }}
),

runs as (
    select * from {{ ref('int__learning_resource_runs__priced') }}
),

run_summary as (
    select
        learning_resource_id,
        count(*) as run_count,
        bool_or(coalesce(published, false)) as any_published_run
    from runs
    group by learning_resource_id
),

best_run as (
    select * from runs where best_run_rank = 1
),

next_run as (
    select
        learning_resource_id,
        case
            when enrollment_start is not null and enrollment_start > start_date then enrollment_start
            else start_date
        end as next_start_date
    from runs
    where next_run_rank = 1
),

blocklist as (
    select distinct readable_id from {{ ref('blocklist') }}
),

decided as (
    select
        resources.*,
        coalesce(resources.published, true)
            and not (
                resources.resource_type in ('course', 'program')
                and resources.has_runs
                and not coalesce(run_summary.any_published_run, false)
            )
            and blocklist.readable_id is null as is_published
    from resources
    left join run_summary on run_summary.learning_resource_id = resources.learning_resource_id
    left join blocklist on blocklist.readable_id = resources.readable_id
)

select
    decided.learning_resource_id as id,
    decided.readable_id,
    decided.title,
    decided.description,
    decided.full_description,
    decided.url,
    case when decided.image_url is not null
        then {{ learn_id(['decided.image_url', 'decided.image_description', 'decided.image_alt']) }}
    end as image_id,
    decided.platform as platform_id,
    decided.offered_by as offered_by_id,
    decided.etl_source,
    decided.resource_type,
    coalesce(
        decided.resource_category,
        case decided.resource_type
            when 'course' then 'Course'
            when 'program' then 'Program'
            when 'learning_path' then 'Learning Path'
            when 'podcast' then 'Podcast'
            when 'podcast_episode' then 'Podcast Episode'
            when 'video' then 'Video'
            when 'video_playlist' then 'Video Playlist'
            when 'document' then 'Document'
        end
    ) as resource_category,
    decided.languages,
    decided.last_modified,
    decided.is_published as published,
    coalesce(decided.test_mode, false) as test_mode,
    coalesce(decided.professional, false) as professional,
    coalesce(decided.certification, false) as certification,
    coalesce(decided.certification_type, 'none') as certification_type,
    coalesce(decided.license_cc, false) as license_cc,
    coalesce(decided.test_mode, false) as require_summaries,
    coalesce(decided.delivery, {{ learn_list(['online']) }}) as delivery,
    coalesce(decided.pace, {{ learn_list(['self_paced']) }}) as pace,
    coalesce(decided.format, {{ learn_list(['asynchronous']) }}) as format,
    case when decided.is_published and best_run.run_id is not null then best_run.availability else decided.availability end as availability,
    case when decided.is_published and best_run.run_id is not null then best_run.location else decided.location end as location,
    case when decided.is_published and best_run.run_id is not null then best_run.duration else decided.duration end as duration,
    case when decided.is_published and best_run.run_id is not null then best_run.min_weeks else decided.min_weeks end as min_weeks,
    case when decided.is_published and best_run.run_id is not null then best_run.max_weeks else decided.max_weeks end as max_weeks,
    case when decided.is_published and best_run.run_id is not null then best_run.time_commitment else decided.time_commitment end as time_commitment,
    case when decided.is_published and best_run.run_id is not null then best_run.min_weekly_hours else decided.min_weekly_hours end as min_weekly_hours,
    case when decided.is_published and best_run.run_id is not null then best_run.max_weekly_hours else decided.max_weekly_hours end as max_weekly_hours,
    decided.continuing_ed_credits,
    case when decided.is_published then next_run.next_start_date end as next_start_date,
    case
        when decided.is_published and coalesce(decided.certification, false) and best_run.run_id is not null
            then best_run.effective_prices
        else {{ learn_empty_prices() }}
    end as prices,
    coalesce(decided.ocw_topics, {{ learn_empty_list() }}) as ocw_topics,
    cast(1.0 as double precision) as completeness,
    0 as view_count
from decided
left join best_run on best_run.learning_resource_id = decided.learning_resource_id
left join next_run on next_run.learning_resource_id = decided.learning_resource_id
