/**
 * The Learn data model, one definition: entity schemas in `schemas/`, and what `learnflow schema generate`
 * derives from them in `generated/`. Import from here rather than from the generated files.
 */
import path from 'node:path';

export * from './generated/types';
export * from './generated/keys';
export * from './generated/validators';
export * from './generated/opensearch';
export * from './generated/postgres-ddl';

/** Where the schema files live (for tools that read JSON Schema directly, e.g. the Django app's generator). */
export const SCHEMAS_DIR = path.join(__dirname, 'schemas');

/** The dbt properties file (contract enforced, typed columns) of one mart on one engine. */
export function dbtContractFile(entity: string, engine: 'duckdb' | 'postgres'): string {
  return path.join(__dirname, 'generated', 'dbt', engine, `${entity}.yml`);
}
