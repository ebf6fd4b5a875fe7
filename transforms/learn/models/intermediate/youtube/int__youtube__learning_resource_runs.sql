{{ config(materialized='table') }}
-- YouTube playlists and videos have no runs: the canonical run shape with no rows.
select {{ learn_run_columns({}) }}
where 1 = 0
