import type { Relation } from '../adapters/adapter';

/** Names the scratch relations of a build: `<identifier><suffix>` in the same schema. */
export type TempNamer = (relation: Relation, suffix: string) => Relation;

/** dbt's names (`orders__dbt_tmp`, `orders__dbt_backup`), the identifier cut so the whole fits `maxLength`. */
export function defaultTempName(maxLength = 63): TempNamer {
  return (relation, suffix) => ({
    database: relation.database,
    schema: relation.schema,
    identifier: relation.identifier.slice(0, Math.max(1, maxLength - suffix.length)) + suffix,
  });
}
