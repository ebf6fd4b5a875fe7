import { ConfigurationError } from './errors';
import { validateConfig } from './validate-config';

const spec = {
  type: 'object',
  required: ['base_url', 'auth'],
  properties: {
    base_url: { type: 'string', pattern: '^https?://' },
    retries: { type: 'integer', default: 5, minimum: 0 },
    auth: {
      type: 'object',
      required: ['client_id'],
      properties: { client_id: { type: 'string' }, scope: { type: 'string', default: 'read' } },
    },
  },
};

test('defaults are applied (also nested) on a copy; unknown fields are kept', () => {
  const raw = { base_url: 'https://x', auth: { client_id: 'c' }, extra: true };
  const config = validateConfig<Record<string, unknown>>(spec, raw);
  expect(config).toEqual({
    base_url: 'https://x',
    retries: 5,
    auth: { client_id: 'c', scope: 'read' },
    extra: true,
  });
  expect(raw).toEqual({ base_url: 'https://x', auth: { client_id: 'c' }, extra: true });
});

test('every bad field is named, nested ones with their path; the file is the location', () => {
  let error: unknown;
  try {
    validateConfig(spec, { base_url: 'ftp://x', retries: -1, auth: {} }, 'conf.json');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  const e = error as ConfigurationError;
  expect(e.where).toBe('conf.json');
  expect(e.failureType).toBe('config_error');
  expect(e.message).toMatch(/field 'base_url' must match pattern/);
  expect(e.message).toMatch(/field 'retries' must be >= 0/);
  expect(e.message).toMatch(/field 'auth.client_id' is required/);
});

test('a config that is not an object, or a spec that is not a schema, is refused clearly', () => {
  expect(() => validateConfig(spec, [1, 2])).toThrow(/must be a JSON object/);
  expect(() => validateConfig({ type: 'nonsense' }, {})).toThrow(
    /connectionSpecification is not a valid JSON Schema/,
  );
});
