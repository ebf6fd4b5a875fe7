-- drop leftovers
DROP TABLE IF EXISTS "g_seed_reload"."model__dbt_tmp" CASCADE;

-- build
CREATE TABLE "g_seed_reload"."model__dbt_tmp" (
  "id" integer,
  "name" text,
  "joined" date
);

-- load 2 rows into "g_seed_reload"."model__dbt_tmp"
INSERT INTO "g_seed_reload"."model__dbt_tmp" VALUES (1, 'Ada', DATE '2020-01-01'), (2, 'Grace', NULL);

-- swap (one transaction)
ALTER TABLE "g_seed_reload"."model__dbt_tmp" RENAME TO "model";
