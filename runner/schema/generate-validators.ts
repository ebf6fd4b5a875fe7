import type { SchemaSet } from './schema-model';
import { generatedNotice, pascalCase } from './generated-header';

function camel(name: string): string {
  const p = pascalCase(name);
  return `${p[0].toLowerCase()}${p.slice(1)}Schema`;
}

/**
 * `validators.ts`: the ajv validators of every entity, compiled from the schema files at first use and
 * cached. A failing record reports every failing field with its JSON path.
 */
export function generateValidators(set: SchemaSet): string {
  const imports = set.entities.map((e) => `import ${camel(e.name)} from '../schemas/${e.name}.schema.json';`);
  const lines = set.entities.map((e) => `  ${e.name}: ${camel(e.name)},`);
  return `// ${generatedNotice(set)}

import { createValidatorRegistry } from '../lib/validator-registry';
import type { RecordViolation } from '../lib/record-violation';
import type { EntityName, EntityRecords } from './types';
${imports.join('\n')}

export type { RecordViolation } from '../lib/record-violation';
export { formatViolations } from '../lib/record-violation';

/** The entity schemas as shipped in shared-schema/schemas. */
export const ENTITY_SCHEMAS: Record<EntityName, object> = {
${lines.join('\n')}
};

/** One validator per entity, compiled once on first use. */
export const validators = createValidatorRegistry<EntityName>(ENTITY_SCHEMAS);

/** Every violation of \`record\` against the entity's schema (all of them, each with its JSON path). */
export function validateRecord(entity: EntityName, record: unknown): RecordViolation[] {
  return validators.validate(entity, record);
}

/** True when \`record\` is a valid record of the entity. */
export function isValidRecord<E extends EntityName>(entity: E, record: unknown): record is EntityRecords[E] {
  return validators.validate(entity, record).length === 0;
}
`;
}
