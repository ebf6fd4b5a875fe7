import { dump } from 'js-yaml';
import type { ColumnType, Entity, SchemaSet } from './schema-model';
import { duckdbType, postgresType } from './column-type';
import { generatedNotice } from './generated-header';

export type ContractEngine = 'postgres' | 'duckdb';

const SPELL: Record<ContractEngine, (t: ColumnType) => string> = {
  postgres: postgresType,
  duckdb: duckdbType,
};

/**
 * The dbt model properties of one mart: contract enforced, every column with its data type. `modelName`
 * lets several models share one entity's contract (e.g. the per-source integration views).
 */
export function dbtContract(set: SchemaSet, e: Entity, engine: ContractEngine, modelName = e.name): object {
  const columns = e.columns
    .filter((c) => !c.appManaged)
    .map((c) => {
      const col: Record<string, unknown> = { name: c.name };
      const description = typeof c.schema.description === 'string' ? c.schema.description : undefined;
      if (description) col.description = description;
      col.data_type = SPELL[engine](c.type);
      if (!c.nullable) col.constraints = [{ type: 'not_null' }];
      return col;
    });
  const model: Record<string, unknown> = {
    name: modelName,
    description: e.description,
    config: {
      contract: { enforced: true },
      meta: {
        shared_schema: set.name,
        shared_schema_version: set.version,
        kind: e.kind,
        primary_key: e.primaryKey,
        ...(e.unique.length ? { unique: e.unique } : {}),
      },
    },
    columns,
  };
  return { version: 2, models: [model] };
}

/** `dbt/<engine>/<entity>.yml` for every table and view, on DuckDB and PostgreSQL. */
export function generateDbtContracts(set: SchemaSet): Map<string, string> {
  const files = new Map<string, string>();
  for (const engine of ['duckdb', 'postgres'] as const) {
    for (const e of set.entities.filter((x) => x.kind !== 'document')) {
      const body = dump(dbtContract(set, e, engine), { lineWidth: -1, noRefs: true });
      files.set(`dbt/${engine}/${e.name}.yml`, `# ${generatedNotice(set)}\n${body}`);
    }
  }
  return files;
}
