-- staging
CREATE TABLE "g_snapshot_timestamp_invalidate"."snap__dbt_tmp" AS (
WITH snapshot_query AS (
select * from g_snapshot_timestamp_invalidate.src
),
snapshotted_data AS (
  SELECT *, id AS dbt_unique_key
  FROM "g_snapshot_timestamp_invalidate"."snap" AS dbt_snapshot_target
  WHERE dbt_snapshot_target."dbt_valid_to" IS NULL
),
insertions_source_data AS (
  SELECT *, id AS dbt_unique_key,
    updated_at AS dbt_updated_at,
    updated_at AS dbt_valid_from,
    nullif(updated_at, updated_at) AS dbt_valid_to,
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) AS dbt_scd_id
  FROM snapshot_query
),
updates_source_data AS (
  SELECT *, id AS dbt_unique_key,
    updated_at AS dbt_updated_at,
    updated_at AS dbt_valid_from,
    updated_at AS dbt_valid_to
  FROM snapshot_query
),
deletes_source_data AS (
  SELECT *, id AS dbt_unique_key
  FROM snapshot_query
),
insertions AS (
  SELECT 'insert' AS dbt_change_type, source_data."id", source_data."v", source_data."updated_at", source_data.dbt_unique_key,
    source_data.dbt_updated_at, source_data.dbt_valid_from, source_data.dbt_valid_to, source_data.dbt_scd_id
  FROM insertions_source_data AS source_data
  LEFT OUTER JOIN snapshotted_data ON snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  WHERE snapshotted_data.dbt_unique_key IS NULL
    OR (snapshotted_data.dbt_unique_key IS NOT NULL AND ((snapshotted_data."dbt_valid_from" < source_data.updated_at)))
),
updates AS (
  SELECT 'update' AS dbt_change_type, source_data."id", source_data."v", source_data."updated_at", source_data.dbt_unique_key,
    source_data.dbt_updated_at, source_data.dbt_valid_from, source_data.dbt_valid_to, snapshotted_data."dbt_scd_id" AS dbt_scd_id
  FROM updates_source_data AS source_data
  JOIN snapshotted_data ON snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  WHERE ((snapshotted_data."dbt_valid_from" < source_data.updated_at))
),
deletes AS (
  SELECT 'delete' AS dbt_change_type, source_data."id", source_data."v", source_data."updated_at", source_data.dbt_unique_key,
    now()::timestamp without time zone AS dbt_updated_at, now()::timestamp without time zone AS dbt_valid_from, now()::timestamp without time zone AS dbt_valid_to, snapshotted_data."dbt_scd_id" AS dbt_scd_id
  FROM snapshotted_data
  LEFT JOIN deletes_source_data AS source_data ON snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  WHERE source_data.dbt_unique_key IS NULL
)
SELECT * FROM insertions
UNION ALL
SELECT * FROM updates
UNION ALL
SELECT * FROM deletes
);

-- apply (one transaction)
UPDATE "g_snapshot_timestamp_invalidate"."snap" AS DBT_INTERNAL_TARGET
SET "dbt_valid_to" = DBT_INTERNAL_SOURCE.dbt_valid_to
FROM "g_snapshot_timestamp_invalidate"."snap__dbt_tmp" AS DBT_INTERNAL_SOURCE
WHERE DBT_INTERNAL_SOURCE.dbt_scd_id = DBT_INTERNAL_TARGET."dbt_scd_id"
  AND DBT_INTERNAL_SOURCE.dbt_change_type IN ('update', 'delete')
  AND DBT_INTERNAL_TARGET."dbt_valid_to" IS NULL;
INSERT INTO "g_snapshot_timestamp_invalidate"."snap" ("id", "v", "updated_at", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to")
SELECT "id", "v", "updated_at", dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to
FROM "g_snapshot_timestamp_invalidate"."snap__dbt_tmp"
WHERE dbt_change_type = 'insert';

-- drop staging (always)
DROP TABLE IF EXISTS "g_snapshot_timestamp_invalidate"."snap__dbt_tmp" CASCADE;
