-- new rows
CREATE TABLE "g_incremental_merge"."model__dbt_tmp" AS (
select 1 as id, 'hey' as msg, 'blue' as color union all select 2, 'yo', 'green' union all select 3, 'anyway', 'purple'
);

-- apply (one transaction)
MERGE INTO "g_incremental_merge"."model" AS DBT_INTERNAL_DEST
USING "g_incremental_merge"."model__dbt_tmp" AS DBT_INTERNAL_SOURCE
ON (DBT_INTERNAL_SOURCE."id" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."id")
WHEN MATCHED THEN UPDATE SET
  "id" = DBT_INTERNAL_SOURCE."id",
  "color" = DBT_INTERNAL_SOURCE."color"
WHEN NOT MATCHED THEN INSERT ("id", "msg", "color")
  VALUES (DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."msg", DBT_INTERNAL_SOURCE."color");

-- drop new rows (always)
DROP TABLE IF EXISTS "g_incremental_merge"."model__dbt_tmp";
