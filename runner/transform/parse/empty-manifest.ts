import { md5 } from './generic-test-name';
import { DBT_VERSION, MANIFEST_SCHEMA, type Manifest } from './manifest-types';

/** A manifest with its metadata and no nodes yet. */
export function emptyManifest(input: {
  root: { name: string };
  target: { type: string };
  invocationId: string;
  runStartedAt: Date;
}): Manifest {
  return {
    metadata: {
      dbt_schema_version: MANIFEST_SCHEMA,
      dbt_version: DBT_VERSION,
      generated_at: input.runStartedAt.toISOString(),
      invocation_id: input.invocationId,
      env: {},
      project_name: input.root.name,
      project_id: md5(input.root.name),
      adapter_type: input.target.type,
      user_id: null,
      send_anonymous_usage_stats: false,
    },
    nodes: {},
    sources: {},
    macros: {},
    docs: {},
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: {},
    child_map: {},
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}
