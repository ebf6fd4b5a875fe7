/** learnflow.yml: schema validation with clear messages, ${ENV} interpolation, secrets. */
import { parseLearnflowConfig } from '../../runner/config/load-config';
import { requireEnv } from '../../runner/config/interpolate-env';
import { ConfigError } from '../../runner/common/errors';
import { registerConfigSection } from '../../runner/config/config-schema';

const parse = (text: string, env: NodeJS.ProcessEnv = {}) =>
  parseLearnflowConfig(text, '/p/learnflow.yml', env);

test('a valid file: env references replaced, their values and secret-named fields reported as secrets', () => {
  const c = parse(
    [
      'lakehouse: {engine: postgres, url: "postgres://u:${PG_PW}@db/x"}',
      'connections:',
      '  edx:',
      '    source: {connector: source-edx, config: {client_id: abc, client_secret: "${EDX_CLIENT_SECRET}", password: hunter22}}',
      '    streams: [{name: courses, destination_sync_mode: append_dedup}]',
    ].join('\n'),
    { PG_PW: 'pgpass1', EDX_CLIENT_SECRET: 'edx-secret-1' },
  );
  expect(c.config.lakehouse).toEqual({ engine: 'postgres', url: 'postgres://u:pgpass1@db/x' });
  expect(c.config.connections?.edx.source.config).toMatchObject({ client_secret: 'edx-secret-1' });
  expect(c.secrets.sort()).toEqual(['edx-secret-1', 'hunter22', 'pgpass1']);
  expect(c.missingEnv).toEqual([]);
});

test('an unset variable fails only the commands that use its field', () => {
  const c = parse(
    'connections:\n  edx:\n    source: {connector: source-edx, config: {client_secret: "${NOPE}"}}\n',
  );
  expect(c.missingEnv).toEqual([{ path: 'connections.edx.source.config.client_secret', name: 'NOPE' }]);
  expect(() => requireEnv(c.missingEnv, ['lakehouse'], c.file)).not.toThrow();
  expect(() => requireEnv(c.missingEnv, ['connections.edx'], c.file)).toThrow(
    /environment variable NOPE is not set/,
  );
  expect(parse('lakehouse: {engine: duckdb, path: "${DIR:-.lf}/l.duckdb"}').config.lakehouse).toEqual({
    engine: 'duckdb',
    path: '.lf/l.duckdb',
  });
});

test('invalid files name every problem and the field', () => {
  const problems = (text: string) => {
    try {
      parse(text);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).message;
    }
    throw new Error('no error');
  };
  expect(problems('lakehous: {engine: duckdb}')).toMatch(
    /unknown section 'lakehous' \(did you mean 'lakehouse'\?\)/,
  );
  expect(problems('lakehouse: {engine: mysql}')).toMatch(/lakehouse.engine: must be one of duckdb, postgres/);
  expect(problems('lakehouse: {engine: postgres}')).toMatch(/must have required property 'url'/);
  const m = problems('connections:\n  x:\n    source: {config: {}}\n    streams: [{sync_mode: sometimes}]\n');
  expect(m).toMatch(/connections.x.source: needs 'connector' \(a registered connector\) or 'command'/);
  expect(m).toMatch(/connections.x.streams.0: must have required property 'name'/);
  expect(m).toMatch(/connections.x.streams.0.sync_mode: must be one of full_refresh, incremental/);
  expect(problems('- a\n- b')).toMatch(/mapping of sections/);
  expect(problems('a: [')).toMatch(/not valid YAML/);
});

test('later steps add their own sections (transform:, deliver:) with their schemas', () => {
  expect(() => parse('deliver: {target: app}')).toThrow(/unknown section 'deliver'/);
  registerConfigSection('deliver', {
    type: 'object',
    required: ['target'],
    properties: { target: { type: 'string' } },
  });
  expect(parse('deliver: {target: app}').config.deliver).toEqual({ target: 'app' });
  expect(() => parse('deliver: {}')).toThrow(/deliver: must have required property 'target'/);
});
