/**
 * The properties YAML of the media, news and content marts: the shared-schema contract generated for each
 * engine (shared-schema/generated/dbt/<engine>/<model>.yml) plus data tests, written to
 * transforms/learn/contracts/<engine>/media/<model>.yml (the project reads the folder the var learn_engine names).
 * Run `npx tsx tests/learn-media/support/media-contracts.ts` after a shared-schema change; the test
 * tests/learn-media/contracts.test.ts fails while the files are stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GENERATED = path.join(ROOT, 'shared-schema', 'generated', 'dbt');
export const CONTRACTS_DIR = path.join(ROOT, 'transforms', 'learn', 'contracts');
export const ENGINES = ['duckdb', 'postgres'] as const;

type Test = string | Record<string, unknown>;
const rel = (to: string, field: string): Test => ({ relationships: { to: `ref('${to}')`, field } });
const accepted = (values: string[]): Test => ({ accepted_values: { values } });

/** Data tests beyond not_null (from the contract's constraints) and unique (from its keys). */
const EXTRA: Record<string, Record<string, Test[]>> = {
  podcast: {},
  podcast_episode: {},
  video_channel: { etl_source: [accepted(['youtube', 'ovs'])] },
  video_playlist: { channel_id: [rel('video_channel', 'channel_id')] },
  content_file: {},
  feed_image: {},
  feed_source: { feed_type: [accepted(['news', 'events'])], image_id: [rel('feed_image', 'id')] },
  feed_item: { source_id: [rel('feed_source', 'id')], image_id: [rel('feed_image', 'id')] },
  feed_news_detail: { feed_item_id: [rel('feed_item', 'id')] },
  feed_event_detail: { feed_item_id: [rel('feed_item', 'id')] },
};
export const MEDIA_MODELS = Object.keys(EXTRA);

interface Column {
  name: string;
  data_type: string;
  constraints?: Array<{ type: string }>;
  data_tests?: Test[];
}
interface ModelDoc {
  version: number;
  models: Array<{
    name: string;
    config: { meta: { primary_key?: string[]; unique?: string[][] } };
    columns: Column[];
    data_tests?: Test[];
  }>;
}

/** The YAML text of one model's properties for one engine. */
export function contractYaml(engine: (typeof ENGINES)[number], model: string): string {
  const doc = yaml.load(fs.readFileSync(path.join(GENERATED, engine, `${model}.yml`), 'utf8')) as ModelDoc;
  const node = doc.models[0];
  const keys = [node.config.meta.primary_key ?? [], ...(node.config.meta.unique ?? [])].filter(
    (k) => k.length,
  );
  const single = new Set(keys.filter((k) => k.length === 1).map((k) => k[0]));
  const combos = keys.filter((k) => k.length > 1);
  for (const column of node.columns) {
    // The engine's contract probe reports DuckDB JSON as VARCHAR, and PostgreSQL arrays by type OID only
    // (text[] = 1009); tests/media/pg_media_array_types.sql checks the real array types instead.
    if (engine === 'duckdb' && column.data_type === 'json') column.data_type = 'varchar';
    if (engine === 'postgres' && column.data_type.endsWith('[]')) column.data_type = 'oid:1009';
    const tests: Test[] = [];
    if ((column.constraints ?? []).some((c) => c.type === 'not_null')) tests.push('not_null');
    if (single.has(column.name)) tests.push('unique');
    tests.push(...(EXTRA[model][column.name] ?? []));
    if (tests.length) column.data_tests = tests;
  }
  if (combos.length) {
    node.data_tests = combos.map((combination) => ({
      learn_unique_combination: { arguments: { combination } },
    }));
  }
  return (
    `# Written by tests/learn-media/support/media-contracts.ts from shared-schema/generated/dbt/${engine}/${model}.yml\n` +
    '# plus data tests. Do not edit; edit that script and re-run it.\n' +
    yaml.dump(doc, { lineWidth: 120, noRefs: true })
  );
}

export function contractFile(engine: string, model: string): string {
  return path.join(CONTRACTS_DIR, engine, 'media', `${model}.yml`);
}

if (require.main === module) {
  for (const engine of ENGINES) {
    fs.mkdirSync(path.join(CONTRACTS_DIR, engine, 'media'), { recursive: true });
    for (const model of MEDIA_MODELS)
      fs.writeFileSync(contractFile(engine, model), contractYaml(engine, model));
  }
}
