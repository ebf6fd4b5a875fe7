-- new rows
CREATE TABLE "g_incremental_append"."model__dbt_tmp" AS (
select 1 as id, 'hey' as msg, 'blue' as color union all select 2, 'yo', 'green' union all select 3, 'anyway', 'purple'
);

-- apply (one transaction)
INSERT INTO "g_incremental_append"."model" ("id", "msg", "color")
SELECT "id", "msg", "color"
FROM "g_incremental_append"."model__dbt_tmp";

-- drop new rows (always)
DROP TABLE IF EXISTS "g_incremental_append"."model__dbt_tmp" CASCADE;
