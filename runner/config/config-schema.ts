/**
 * The JSON Schema of `learnflow.yml`, assembled from one schema per top-level section. A later step adds
 * its section (e.g. `transform:`, `deliver:`) with `registerConfigSection` before configs are loaded.
 */
const connectorRef = {
  type: 'object',
  additionalProperties: false,
  properties: {
    connector: { type: 'string', minLength: 1 },
    command: { type: 'array', items: { type: 'string' }, minItems: 1 },
    config: { type: 'object' },
  },
  anyOf: [{ required: ['connector'] }, { required: ['command'] }],
};

const lakehouseSection = {
  type: 'object',
  required: ['engine'],
  additionalProperties: false,
  properties: {
    engine: { enum: ['duckdb', 'postgres'] },
    path: { type: 'string', minLength: 1 },
    url: { type: 'string', minLength: 1 },
    raw_schema: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    typed_schema: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  },
  if: { properties: { engine: { const: 'postgres' } } },
  then: { required: ['url'] },
};

const streamSettings = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string' },
    sync_mode: { enum: ['full_refresh', 'incremental'] },
    destination_sync_mode: { type: 'string' },
    cursor_field: { type: 'array', items: { type: 'string' }, minItems: 1 },
    primary_key: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 1 } },
  },
};

const connectionsSection = {
  type: 'object',
  propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
  additionalProperties: {
    type: 'object',
    required: ['source'],
    additionalProperties: false,
    properties: {
      source: connectorRef,
      destination: connectorRef,
      streams: { type: 'array', items: streamSettings },
      source_name: { type: 'string', pattern: '^[A-Za-z0-9_]+$' },
    },
  },
};

const sections = new Map<string, Record<string, unknown>>([
  ['version', { type: 'integer', enum: [1] }],
  ['lakehouse', lakehouseSection],
  ['connections', connectionsSection],
]);

/** Add (or replace) the schema of one top-level section. */
export function registerConfigSection(name: string, schema: Record<string, unknown>): void {
  sections.set(name, schema);
}

export function configSectionNames(): string[] {
  return [...sections.keys()];
}

export function learnflowConfigSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'learnflow.yml',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(sections),
  };
}
