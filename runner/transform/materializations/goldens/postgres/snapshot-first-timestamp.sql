-- build and swap (one transaction)
CREATE TABLE "g_snapshot_first_timestamp"."snap__dbt_tmp" AS (
SELECT sbq.*,
  md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) AS "dbt_scd_id",
  updated_at AS "dbt_updated_at",
  updated_at AS "dbt_valid_from",
  nullif(updated_at, updated_at) AS "dbt_valid_to"
FROM (
select * from g_snapshot_first_timestamp.src
) AS sbq
);
ALTER TABLE "g_snapshot_first_timestamp"."snap__dbt_tmp" RENAME TO "snap";
