import { ConfigurationError } from './errors';
import { createAjv, compileSchema, describeSchemaErrors } from './json-schema';

type Compiled = ReturnType<typeof compileSchema>;
const compiledSpecs = new WeakMap<object, Compiled>();

/** One compiled validator per spec object (connectors run in-process by a pipeline validate often). */
function compiledSpec(spec: Record<string, unknown>): Compiled {
  let compiled = compiledSpecs.get(spec);
  if (!compiled) {
    compiled = compileSchema(createAjv({ useDefaults: true }), spec);
    compiledSpecs.set(spec, compiled);
  }
  return compiled;
}

/**
 * Validate a config against the spec's `connectionSpecification`, applying its defaults. A config that
 * is not an object or fails the schema is a ConfigurationError whose message names every bad field.
 * Returns a new object; the input is not modified.
 */
export function validateConfig<C = Record<string, unknown>>(
  connectionSpecification: Record<string, unknown>,
  raw: unknown,
  where = 'config',
): C {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigurationError('the config must be a JSON object', { where });
  }
  const compiled = compiledSpec(connectionSpecification);
  if (!compiled.validate) {
    throw new ConfigurationError(`the connector's connectionSpecification is not a valid JSON Schema`, {
      where: 'spec',
      internal: compiled.error,
    });
  }
  const config = structuredClone(raw) as Record<string, unknown>;
  if (!compiled.validate(config)) {
    const problems = describeSchemaErrors(compiled.validate.errors);
    throw new ConfigurationError(`invalid config: ${problems.join('; ')}`, { where });
  }
  return config as C;
}
