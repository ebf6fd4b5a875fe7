-- drop leftovers
DROP VIEW IF EXISTS "g_view_replaces_table"."model__dbt_tmp";

-- build
CREATE VIEW "g_view_replaces_table"."model__dbt_tmp" AS (
select 2 as id
);

-- swap (one transaction)
ALTER TABLE "g_view_replaces_table"."model" RENAME TO "model__dbt_backup";
ALTER VIEW "g_view_replaces_table"."model__dbt_tmp" RENAME TO "model";

-- drop backup
DROP TABLE IF EXISTS "g_view_replaces_table"."model__dbt_backup";
