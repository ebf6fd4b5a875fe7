-- drop leftovers
DROP TABLE IF EXISTS "g_seed_reload"."model__dbt_tmp";

-- build
CREATE TABLE "g_seed_reload"."model__dbt_tmp" (
  "id" INTEGER,
  "name" VARCHAR,
  "joined" DATE
);

-- load 2 rows into "g_seed_reload"."model__dbt_tmp"
INSERT INTO "g_seed_reload"."model__dbt_tmp" VALUES (1, 'Ada', DATE '2020-01-01'), (2, 'Grace', NULL);

-- swap (one transaction)
ALTER TABLE "g_seed_reload"."model__dbt_tmp" RENAME TO "model";
