import type { Adapter } from '../../adapters/adapter';
import { materializations } from '../index';
import type { MaterializationInput, MaterializationResult, NodeConfig } from '../materialization';

const databases = new WeakMap<Adapter, Promise<string>>();

/** The current database's name (the engine qualifies every relation with it, as dbt does). */
function databaseOf(adapter: Adapter): Promise<string> {
  let name = databases.get(adapter);
  if (!name) {
    name = adapter.execute('SELECT current_database() AS d').then((r) => String(r.rows[0].d));
    databases.set(adapter, name);
  }
  return name;
}

/** Run one model the way the engine does: look up the target, then call the materialization. */
export async function materialize(
  adapter: Adapter,
  name: string,
  sql: string,
  config: Partial<NodeConfig> & { materialized: string },
  extra: Partial<MaterializationInput> = {},
): Promise<MaterializationResult> {
  const schema = (config.schema as string | undefined) ?? adapter.target.schema;
  const existing = await adapter.getRelation(schema, name);
  const relation = { database: await databaseOf(adapter), schema, identifier: name };
  const run = materializations[config.materialized];
  if (!run) throw new Error(`no materialization ${config.materialized}`);
  return run({
    uniqueId: `model.test.${name}`,
    name,
    config: config as NodeConfig,
    sql,
    relation,
    existing,
    existingColumns: existing ? await adapter.getColumns(existing) : [],
    fullRefresh: false,
    adapter,
    ...extra,
  });
}

/** Rows of a relation as sorted JSON lines (multiset comparison, like dbt's `check_relations_equal`). */
export async function rowsOf(adapter: Adapter, relation: string, columns = '*'): Promise<string[]> {
  const { rows } = await adapter.execute(`SELECT ${columns} FROM ${relation}`);
  return rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
      ),
    )
    .sort();
}
