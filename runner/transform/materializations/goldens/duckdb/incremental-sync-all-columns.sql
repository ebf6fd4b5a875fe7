-- new rows
CREATE TABLE "g_incremental_sync_all_columns"."model__dbt_tmp" AS (
select 3 as id, 'purple' as color, 7 as size
);

-- apply (one transaction)
ALTER TABLE "g_incremental_sync_all_columns"."model" ADD COLUMN "size" INTEGER;
ALTER TABLE "g_incremental_sync_all_columns"."model" DROP COLUMN "msg";
DELETE FROM "g_incremental_sync_all_columns"."model" AS DBT_INTERNAL_DEST
WHERE EXISTS (
  SELECT 1 FROM "g_incremental_sync_all_columns"."model__dbt_tmp" AS DBT_INTERNAL_SOURCE
  WHERE DBT_INTERNAL_SOURCE."id" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."id"
);
INSERT INTO "g_incremental_sync_all_columns"."model" ("id", "color", "size")
SELECT "id", "color", "size"
FROM "g_incremental_sync_all_columns"."model__dbt_tmp";

-- drop new rows (always)
DROP TABLE IF EXISTS "g_incremental_sync_all_columns"."model__dbt_tmp";
