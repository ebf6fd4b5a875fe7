import type { ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import { createAjv } from './create-ajv';
import { toViolations, type RecordViolation } from './record-violation';

/** Validators for a set of entity schemas, each compiled once, at first use, and cached. */
export interface ValidatorRegistry<Name extends string> {
  /** Every violation of the record against the entity's schema; empty when the record is valid. */
  validate(entity: Name, record: unknown): RecordViolation[];
  /** The compiled ajv function (compiled on the first call, then reused). */
  compiled(entity: Name): ValidateFunction;
  entities(): Name[];
}

export function createValidatorRegistry<Name extends string>(
  schemas: Record<Name, object>,
): ValidatorRegistry<Name> {
  let ajv: Ajv2020 | undefined;
  const cache = new Map<Name, ValidateFunction>();
  const compiled = (entity: Name): ValidateFunction => {
    const hit = cache.get(entity);
    if (hit) return hit;
    const schema = schemas[entity];
    if (!schema) throw new Error(`unknown entity "${entity}"; known: ${Object.keys(schemas).join(', ')}`);
    ajv ??= createAjv();
    const fn = ajv.compile(schema);
    cache.set(entity, fn);
    return fn;
  };
  return {
    validate(entity, record) {
      const fn = compiled(entity);
      return fn(record) ? [] : toViolations(fn.errors);
    },
    compiled,
    entities: () => Object.keys(schemas) as Name[],
  };
}
