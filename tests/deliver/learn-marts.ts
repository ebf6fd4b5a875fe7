/**
 * Small Learn marts built in a lakehouse, shaped like the shared-schema entities, for delivery tests and
 * the benchmark. `version` 2 changes 1% of the resources' titles and removes 0.5% of them (with their
 * runs and topics); `unpublish` lists ids whose published flag is turned off.
 */
import type { LakehouseConnection } from '../../runner/lakehouse/lakehouse-connection';

export interface MartOptions {
  schema?: string;
  resources: number;
  /** 1: the first build; 2: 1% of titles changed (id % 100 = 0), 0.5% removed (id % 200 = 1). */
  version?: 1 | 2;
  /** Extra ids to drop from the build (as a truncated snapshot would). */
  removeIds?: (id: number) => boolean;
  /** ids to keep but publish=false. */
  unpublishIds?: number[];
  sources?: string[];
}

export async function buildLearnMarts(conn: LakehouseConnection, o: MartOptions): Promise<void> {
  const s = `"${o.schema ?? 'marts'}"`;
  const v = o.version ?? 1;
  const sources = o.sources ?? ['mitxonline', 'ocw'];
  await conn.exec(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.platform AS SELECT * FROM (VALUES ('mitxonline', 'MITx Online', 'https://mitxonline.mit.edu', false, false), ` +
      `('ocw', 'OCW', 'https://ocw.mit.edu', false, true)) AS v(code, name, url, is_edx, has_content_files)`,
  );
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.offeror AS SELECT * FROM (VALUES ('mitx', 'MITx', false), ('ocw', 'MIT OpenCourseWare', false)) ` +
      'AS v(code, name, professional)',
  );
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.topic AS SELECT CAST(i AS BIGINT) AS id, 'Topic ' || i AS name, CAST(NULL AS BIGINT) AS parent_id ` +
      'FROM range(1, 11) t(i)',
  );
  const srcList = `[${sources.map((x) => `'${x}'`).join(', ')}]`;
  const removed = v === 2 ? 'id % 200 = 1' : 'false';
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.all_ids AS SELECT CAST(i AS BIGINT) AS id FROM range(1, ${o.resources + 1}) t(i)`,
  );
  const drop = o.removeIds
    ? (await conn.query(`SELECT id FROM ${s}.all_ids`)).map((r) => Number(r.id)).filter(o.removeIds)
    : [];
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.kept AS SELECT id FROM ${s}.all_ids WHERE NOT (${removed})` +
      (drop.length ? ` AND id NOT IN (${drop.join(', ')})` : ''),
  );
  const unpub = o.unpublishIds?.length ? `id NOT IN (${o.unpublishIds.join(', ')})` : 'true';
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.learning_resource AS SELECT id, 'course-v1:MITx+' || id AS readable_id, ` +
      `'Course ' || id || CASE WHEN ${v} = 2 AND id % 100 = 0 THEN ' (revised)' ELSE '' END AS title, ` +
      `'About course ' || id AS description, 'https://learn.mit.edu/c/' || id AS url, ` +
      `${srcList}[1 + id % ${sources.length}] AS platform_id, CASE WHEN id % 2 = 0 THEN 'mitx' ELSE 'ocw' END AS offered_by_id, ` +
      `${srcList}[1 + id % ${sources.length}] AS etl_source, CASE WHEN id % 10 = 3 THEN 'program' ELSE 'course' END AS resource_type, ` +
      `['en'] AS languages, ${unpub} AS published, id % 7 = 0 AS professional, ['online'] AS delivery, ` +
      `TIMESTAMPTZ '2026-01-01 00:00:00+00' + INTERVAL (id % 300) DAY AS last_modified, ` +
      `[CAST(id % 50 AS DECIMAL(12,2))] AS prices FROM ${s}.kept`,
  );
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.learning_resource_run AS SELECT id AS id, id AS learning_resource_id, 'run-' || id AS run_id, ` +
      `'Run of ' || id AS title, true AS published, TIMESTAMPTZ '2026-09-01 00:00:00+00' AS start_date, 2026 AS year ` +
      `FROM ${s}.kept`,
  );
  await conn.exec(
    `CREATE OR REPLACE TABLE ${s}.resource_topic AS SELECT id AS learning_resource_id, CAST(1 + id % 10 AS BIGINT) AS topic_id FROM ${s}.kept`,
  );
  await conn.exec(`DROP TABLE ${s}.all_ids`);
  await conn.exec(`DROP TABLE ${s}.kept`);
}
