import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * One way to build JSON Schema (draft-07) validators across the kit. Airbyte's UI keywords
 * (`airbyte_secret`, `order`, `group`, `airbyte_hidden`, ...) are allowed and ignored.
 */
export function createAjv(options: { useDefaults?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    useDefaults: options.useDefaults ?? false,
    validateSchema: true,
  });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  return ajv;
}

/** Compile a schema, or return the reason it is not a valid JSON Schema. */
export function compileSchema(
  ajv: Ajv,
  schema: unknown,
): { validate: ValidateFunction; error?: undefined } | { validate?: undefined; error: string } {
  try {
    return { validate: ajv.compile(schema as object) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Turn ajv errors into `field 'a.b' must be string`-style phrases that name the field. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, root = ''): string[] {
  const out: string[] = [];
  for (const e of errors ?? []) {
    const base = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') {
      const field = [...base, String((e.params as { missingProperty: string }).missingProperty)];
      out.push(`field '${[root, ...field].filter(Boolean).join('.')}' is required`);
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const field = [...base, String((e.params as { additionalProperty: string }).additionalProperty)];
      out.push(`field '${[root, ...field].filter(Boolean).join('.')}' is not allowed`);
      continue;
    }
    const name = [root, ...base].filter(Boolean).join('.') || root || '(root)';
    out.push(`field '${name}' ${e.message ?? 'is invalid'}`);
  }
  return [...new Set(out)];
}
