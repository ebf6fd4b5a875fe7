-- new rows
CREATE TABLE "g_incremental_delete_insert_list_key"."model__dbt_tmp" AS (
select 1 as id, 'hey' as msg, 'blue' as color union all select 2, 'yo', 'green' union all select 3, 'anyway', 'purple'
);

-- apply (one transaction)
DELETE FROM "g_incremental_delete_insert_list_key"."model" AS DBT_INTERNAL_DEST
WHERE EXISTS (
  SELECT 1 FROM "g_incremental_delete_insert_list_key"."model__dbt_tmp" AS DBT_INTERNAL_SOURCE
  WHERE DBT_INTERNAL_SOURCE."id" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."id"
    AND DBT_INTERNAL_SOURCE."color" IS NOT DISTINCT FROM DBT_INTERNAL_DEST."color"
);
INSERT INTO "g_incremental_delete_insert_list_key"."model" ("id", "msg", "color")
SELECT "id", "msg", "color"
FROM "g_incremental_delete_insert_list_key"."model__dbt_tmp";

-- drop new rows (always)
DROP TABLE IF EXISTS "g_incremental_delete_insert_list_key"."model__dbt_tmp";
