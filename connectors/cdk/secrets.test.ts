import { redactConfig, secretValues } from './secrets';

const spec = {
  type: 'object',
  properties: {
    base_url: { type: 'string' },
    api_key: { type: 'string', airbyte_secret: true },
    credentials: {
      type: 'object',
      oneOf: [
        {
          properties: {
            auth: { const: 'oauth' },
            client_id: { type: 'string' },
            client_secret: { type: 'string', airbyte_secret: true },
          },
        },
        { properties: { auth: { const: 'token' }, token: { type: 'string' } } },
      ],
    },
    mirrors: {
      type: 'array',
      items: { type: 'object', properties: { pin: { type: 'integer', airbyte_secret: true } } },
    },
  },
};

test('secrets are found through airbyte_secret (nested, in oneOf options and arrays) and secret-like names', () => {
  const config = {
    base_url: 'https://x',
    api_key: 'k-1',
    credentials: { auth: 'oauth', client_id: 'id', client_secret: 'cs-2' },
    mirrors: [{ pin: 1234 }],
    password: 'pw-3',
  };
  expect(secretValues(spec, config).sort()).toEqual(['1234', 'cs-2', 'k-1', 'pw-3']);
  expect(redactConfig(spec, config)).toEqual({
    base_url: 'https://x',
    api_key: '**********',
    credentials: { auth: 'oauth', client_id: 'id', client_secret: '**********' },
    mirrors: [{ pin: '**********' }],
    password: '**********',
  });
  expect(secretValues(spec, { credentials: { auth: 'token', token: 't-4' } })).toEqual(['t-4']);
});
