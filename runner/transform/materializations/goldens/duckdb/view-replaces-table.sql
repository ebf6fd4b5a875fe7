-- drop leftovers
DROP VIEW IF EXISTS "g_view_replaces_table"."model__dbt_tmp";

-- build and swap (one transaction)
CREATE VIEW "g_view_replaces_table"."model__dbt_tmp" AS (
select 2 as id
);
ALTER TABLE "g_view_replaces_table"."model" RENAME TO "model__dbt_backup";
ALTER VIEW "g_view_replaces_table"."model__dbt_tmp" RENAME TO "model";

-- drop backup
DROP TABLE IF EXISTS "g_view_replaces_table"."model__dbt_backup";
