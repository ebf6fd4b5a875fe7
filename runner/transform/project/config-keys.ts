/**
 * The config keys dbt knows, per resource type. A key outside these lists is a typo until proven
 * otherwise: it is reported with the nearest known key instead of being silently ignored.
 */
import { ConfigError } from '../../common/errors';
import { didYouMean } from './suggest-name';

const COMMON = [
  'enabled',
  'tags',
  'meta',
  'docs',
  'schema',
  'database',
  'alias',
  'materialized',
  'pre_hook',
  'post_hook',
  'persist_docs',
  'grants',
  'quoting',
  'full_refresh',
  'group',
  'access',
  'packages',
  'sql_header',
  'contract',
  'event_time',
  'description',
];

const MODEL = [
  ...COMMON,
  'unique_key',
  'incremental_strategy',
  'incremental_predicates',
  'on_schema_change',
  'merge_update_columns',
  'merge_exclude_columns',
  'batch_size',
  'begin',
  'lookback',
  'concurrent_batches',
  'on_configuration_change',
  'indexes',
  'unlogged',
  'constraints',
  // options of other adapters that portable projects carry in their configs
  'partition_by',
  'cluster_by',
  'partitions',
  'file_format',
  'location_root',
  'location',
  'transient',
  'copy_grants',
  'snowflake_warehouse',
  'query_tag',
  'labels',
  'sort',
  'dist',
  'sort_type',
  'bind',
  'require_partition_filter',
  'partition_expiration_days',
  'kms_key_name',
  'hours_to_expiration',
  'cluster_by_keys',
  'options',
  'plugin',
  'format',
];

const SEED = [...COMMON, 'column_types', 'quote_columns', 'delimiter'];

const SNAPSHOT = [
  ...COMMON,
  'unique_key',
  'strategy',
  'updated_at',
  'check_cols',
  'hard_deletes',
  'invalidate_hard_deletes',
  'target_schema',
  'target_database',
  'snapshot_meta_column_names',
  'dbt_valid_to_current',
];

const TEST = [
  'enabled',
  'tags',
  'meta',
  'severity',
  'warn_if',
  'error_if',
  'fail_calc',
  'where',
  'limit',
  'store_failures',
  'store_failures_as',
  'schema',
  'database',
  'alias',
  'materialized',
  'group',
  'docs',
  'description',
  'sql_header',
];

const SOURCE = [
  'enabled',
  'meta',
  'tags',
  'docs',
  'freshness',
  'loaded_at_field',
  'event_time',
  'description',
];

export const CONFIG_KEYS: Record<string, ReadonlySet<string>> = {
  model: new Set(MODEL),
  analysis: new Set(MODEL),
  seed: new Set(SEED),
  snapshot: new Set(SNAPSHOT),
  test: new Set(TEST),
  source: new Set(SOURCE),
};

/** dbt spells hooks `pre-hook` in YAML and `pre_hook` in Python; we keep the underscore form. */
export function normaliseConfigKey(key: string): string {
  return key.startsWith('+') ? key.slice(1).replace(/-/g, '_') : key.replace(/-/g, '_');
}

/** Throw a ConfigError naming the file and field when `key` is not a config of `resourceType`. */
export function checkConfigKey(resourceType: string, key: string, where: string): void {
  const known = CONFIG_KEYS[resourceType] ?? CONFIG_KEYS.model;
  if (known.has(key)) return;
  throw new ConfigError(`unknown ${resourceType} config '${key}'${didYouMean(key, known)}`, {
    where,
    hint: 'a misspelled config would be silently ignored by dbt; fix the name or move custom values under meta:',
  });
}

/** Validate every key of a config object. */
export function checkConfigKeys(resourceType: string, config: Record<string, unknown>, where: string): void {
  for (const k of Object.keys(config)) checkConfigKey(resourceType, k, `${where}.${k}`);
}
