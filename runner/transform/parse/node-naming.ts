import type { TargetConfig } from '../adapters/adapter';
import { dbtContext, type RenderEnvironment } from '../context/dbt-context';
import type { TemplatePort } from '../context/template-port';
import type { ManifestNode } from './manifest-types';

export function relationName(database: string | null, schema: string, identifier: string): string {
  return [database, schema, identifier]
    .filter((p): p is string => p !== null && p !== '')
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join('.');
}

/** Applies generate_*_name; the built-in rules run in TypeScript unless the project overrides the macros. */
export class NodeNaming {
  private readonly customSchema: boolean;
  private readonly customAlias: boolean;
  private readonly customDatabase: boolean;

  constructor(
    private readonly engine: TemplatePort,
    private readonly env: RenderEnvironment,
    private readonly target: TargetConfig,
  ) {
    this.customSchema = engine.macroPackage('generate_schema_name') !== 'dbt';
    this.customAlias = engine.macroPackage('generate_alias_name') !== 'dbt';
    this.customDatabase = engine.macroPackage('generate_database_name') !== 'dbt';
  }

  apply(node: ManifestNode): void {
    const c = node.config;
    const targetSchema = this.target.schema;
    const targetDb = (this.target.database as string | undefined) ?? null;
    const customSchema = customValue(c.schema);
    const customAlias = customValue(c.alias);
    const customDatabase = customValue(c.database);
    if (node.resource_type === 'snapshot' && typeof c.target_schema === 'string')
      node.schema = c.target_schema;
    else if (this.customSchema)
      node.schema = this.call(node, 'generate_schema_name', 'custom_schema_name', customSchema);
    else node.schema = customSchema === null ? targetSchema : `${targetSchema}_${customSchema.trim()}`;
    if (this.customAlias)
      node.alias = this.call(node, 'generate_alias_name', 'custom_alias_name', customAlias);
    else if (customAlias !== null) node.alias = customAlias.trim();
    if (node.resource_type === 'snapshot' && typeof c.target_database === 'string')
      node.database = c.target_database;
    else if (this.customDatabase)
      node.database =
        this.call(node, 'generate_database_name', 'custom_database_name', customDatabase) || null;
    else node.database = customDatabase !== null ? customDatabase.trim() : targetDb;
    const built =
      (node.resource_type === 'model' ||
        node.resource_type === 'seed' ||
        node.resource_type === 'snapshot') &&
      c.materialized !== 'ephemeral';
    node.relation_name = built ? relationName(node.database, node.schema, node.alias) : null;
    if (node.resource_type === 'test' && c.store_failures)
      node.relation_name = relationName(node.database, node.schema, node.alias);
  }

  private call(node: ManifestNode, macro: string, argName: string, arg: string | null): string {
    const ctx = dbtContext(this.env, {
      node,
      packageName: node.package_name,
      execute: false,
      where: node.original_file_path,
    });
    const out = this.engine.callMacro(macro, { [argName]: arg, node }, ctx, {
      packageName: node.package_name,
    });
    return String(out ?? '').trim();
  }
}

function customValue(v: unknown): string | null {
  return v === undefined || v === null || v === '' ? null : String(v);
}
