-- new rows
CREATE TABLE "g_incremental_merge_without_merge_into"."model__dbt_tmp" AS (
select 1 as id, 'hey' as msg, 'blue' as color union all select 2, 'yo', 'green' union all select 3, 'anyway', 'purple'
);

-- apply (one transaction)
UPDATE "g_incremental_merge_without_merge_into"."model" AS DBT_INTERNAL_DEST
SET
  "color" = DBT_INTERNAL_SOURCE."color"
FROM "g_incremental_merge_without_merge_into"."model__dbt_tmp" AS DBT_INTERNAL_SOURCE
WHERE DBT_INTERNAL_SOURCE."id" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."id";
INSERT INTO "g_incremental_merge_without_merge_into"."model" ("id", "msg", "color")
SELECT DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."msg", DBT_INTERNAL_SOURCE."color"
FROM "g_incremental_merge_without_merge_into"."model__dbt_tmp" AS DBT_INTERNAL_SOURCE
WHERE NOT EXISTS (
  SELECT 1 FROM "g_incremental_merge_without_merge_into"."model" AS DBT_INTERNAL_DEST
  WHERE DBT_INTERNAL_SOURCE."id" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."id"
);

-- drop new rows (always)
DROP TABLE IF EXISTS "g_incremental_merge_without_merge_into"."model__dbt_tmp" CASCADE;
