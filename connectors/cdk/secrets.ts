/**
 * Secrets are found through the spec: every property marked `airbyte_secret: true` (inside nested
 * objects, oneOf/anyOf options and arrays). Property names that always hold secrets (password, token,
 * client_secret, api_key...) count too, in case a spec forgets the mark.
 */
const SECRET_NAMES =
  /^(password|passwd|secret|client_secret|token|access_token|refresh_token|api_key|apikey|api_token|private_key)$/i;
export const REDACTED = '**********';

type Schema = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(schema: unknown, value: unknown, visit: (value: unknown) => void): void {
  if (!isObject(schema)) return;
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const options = schema[key];
    if (Array.isArray(options)) for (const o of options) walk(o, value, visit);
  }
  if (Array.isArray(value) && schema.items) {
    for (const v of value) walk(schema.items, v, visit);
    return;
  }
  if (!isObject(value)) return;
  const props = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  for (const [name, v] of Object.entries(value)) {
    const p = props[name];
    if ((isObject(p) && p.airbyte_secret === true) || SECRET_NAMES.test(name)) {
      visit(v);
      continue;
    }
    if (p) walk(p, v, visit);
  }
}

/** Every secret value in a config, as strings (numbers are stringified), longest first. */
export function secretValues(connectionSpecification: unknown, config: unknown): string[] {
  const found = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.length > 0) found.add(v);
    else if (typeof v === 'number') found.add(String(v));
    else if (Array.isArray(v)) v.forEach(add);
    else if (isObject(v)) Object.values(v).forEach(add);
  };
  walk(connectionSpecification, config, add);
  return [...found].sort((a, b) => b.length - a.length);
}

/** A deep copy of the config with every secret value replaced by `**********`. */
export function redactConfig<T>(connectionSpecification: unknown, config: T): T {
  const secrets = new Set(secretValues(connectionSpecification, config));
  const copy = (v: unknown): unknown => {
    if (typeof v === 'string' || typeof v === 'number') return secrets.has(String(v)) ? REDACTED : v;
    if (Array.isArray(v)) return v.map(copy);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    return v;
  };
  return copy(config) as T;
}
