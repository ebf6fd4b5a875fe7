import type { NodeConfig } from '../materializations/materialization';
import type { ResourceType } from './manifest-types';

/** The config every node starts from, as dbt writes it into the manifest. */
export function defaultConfig(resourceType: ResourceType): NodeConfig {
  const base = {
    enabled: true,
    alias: undefined,
    schema: undefined,
    database: undefined,
    tags: [] as string[],
    meta: {},
    pre_hook: [] as string[],
    post_hook: [] as string[],
    persist_docs: {},
    quoting: {},
    column_types: {},
    full_refresh: null,
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    grants: {},
    packages: [],
  };
  switch (resourceType) {
    case 'seed':
      return { ...base, materialized: 'seed', delimiter: ',', quote_columns: null };
    case 'snapshot':
      return {
        ...base,
        materialized: 'snapshot',
        unique_key: null,
        strategy: undefined,
        hard_deletes: 'ignore',
      };
    case 'test':
      return {
        enabled: true,
        materialized: 'test',
        severity: 'ERROR',
        store_failures: null,
        store_failures_as: null,
        where: null,
        limit: null,
        fail_calc: 'count(*)',
        warn_if: '!= 0',
        error_if: '!= 0',
        schema: 'dbt_test__audit',
        tags: [],
        meta: {},
      };
    default:
      return {
        ...base,
        materialized: 'view',
        unique_key: null,
        on_schema_change: 'ignore',
        incremental_strategy: undefined,
        on_configuration_change: 'apply',
        access: 'protected',
      };
  }
}

/** Hooks may be strings or `{sql, transaction}` mappings; keep the SQL, in order. */
export function normaliseHooks(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list
    .map((h) =>
      typeof h === 'object' && h !== null ? String((h as { sql?: unknown }).sql ?? '') : String(h),
    )
    .filter((s) => s.trim() !== '');
}
