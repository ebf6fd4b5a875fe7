-- build and swap (one transaction)
CREATE TABLE "g_table_new"."model__dbt_tmp" AS (
select 1 as id, 'hello' as msg, 'blue' as color union all select 2, 'goodbye', 'red'
);
ALTER TABLE "g_table_new"."model__dbt_tmp" RENAME TO "model";
