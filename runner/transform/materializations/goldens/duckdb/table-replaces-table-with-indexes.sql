-- build and swap (one transaction)
CREATE TABLE "g_table_replaces_table_with_indexes"."model__dbt_tmp" AS (
select 1 as id, 'hello' as msg, 'blue' as color union all select 2, 'goodbye', 'red'
);
ALTER TABLE "g_table_replaces_table_with_indexes"."model" RENAME TO "model__dbt_backup";
ALTER TABLE "g_table_replaces_table_with_indexes"."model__dbt_tmp" RENAME TO "model";

-- drop backup
DROP TABLE IF EXISTS "g_table_replaces_table_with_indexes"."model__dbt_backup";
