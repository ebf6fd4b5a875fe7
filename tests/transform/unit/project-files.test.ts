import fs from 'node:fs';
import path from 'node:path';
import { memoryLogger } from '../../../runner/common/logger';
import { loadProfile, profileSearchDirs } from '../../../runner/transform/project/load-profile';
import { VarResolver } from '../../../runner/transform/context/var-resolver';
import { readProperties } from '../../../runner/transform/parse/read-properties';
import { parseYaml } from '../../../runner/transform/project/read-yaml-file';
import { tempDir } from '../../support/tmp';

const render = (text: string) =>
  text.replace(
    /\{\{\s*env_var\('(\w+)'(?:,\s*'([^']*)')?\)\s*\}\}/g,
    (_m, n: string, d?: string) => process.env[n] ?? d ?? '',
  );

describe('profiles.yml', () => {
  test('search order: --profiles-dir, then DBT_PROFILES_DIR, then the project, then ~/.dbt', () => {
    expect(
      profileSearchDirs({ profilesDir: '/a', projectDir: '/p', env: { DBT_PROFILES_DIR: '/b' } }),
    ).toEqual(['/a']);
    expect(profileSearchDirs({ projectDir: '/p', env: { DBT_PROFILES_DIR: '/b' } })).toEqual(['/b']);
    const dirs = profileSearchDirs({ projectDir: '/p', env: {} });
    expect(dirs[0]).toBe('/p');
    expect(dirs[1]).toMatch(/\.dbt$/);
  });

  test('targets, env_var, defaults; the password is registered as a secret', () => {
    const t = tempDir();
    try {
      fs.writeFileSync(
        path.join(t.dir, 'profiles.yml'),
        "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: local.duckdb\n    prod:\n      type: postgres\n      host: db\n      user: u\n      password: \"{{ env_var('LF_UNIT_PW', 'pw-default-123') }}\"\n      dbname: shop\n      schema: analytics\n      threads: 8\n",
      );
      const logger = memoryLogger();
      const dev = loadProfile({ profileName: 'shop', projectDir: t.dir, env: {}, logger, render });
      expect(dev.target).toMatchObject({
        name: 'dev',
        type: 'duckdb',
        schema: 'main',
        database: 'local',
        threads: 1,
      });
      expect(dev.target.path).toBe(path.join(t.dir, 'local.duckdb'));
      const prod = loadProfile({
        profileName: 'shop',
        projectDir: t.dir,
        target: 'prod',
        env: {},
        logger,
        render,
      });
      expect(prod.target).toMatchObject({
        type: 'postgres',
        port: 5432,
        dbname: 'shop',
        schema: 'analytics',
        threads: 8,
      });
      logger.info('connecting with pw-default-123');
      expect(logger.lines.join('\n')).not.toContain('pw-default-123');
      expect(() => loadProfile({ profileName: 'shpo', projectDir: t.dir, env: {}, logger, render })).toThrow(
        /profile 'shpo' not found; did you mean 'shop'\?/,
      );
    } finally {
      t.cleanup();
    }
  });
});

describe('var()', () => {
  const vars = new VarResolver(
    { from_cli: 1 },
    { global_v: 'g', from_cli: 0, shop: { scoped: 's', global_v: 'shop-g' } },
    new Set(['shop', 'pkg']),
  );
  test('--vars win, then package scope, then global, then the default', () => {
    expect(vars.get('from_cli', 'shop', undefined, false, 'x')).toBe(1);
    expect(vars.get('global_v', 'shop', undefined, false, 'x')).toBe('shop-g');
    expect(vars.get('global_v', 'pkg', undefined, false, 'x')).toBe('g');
    expect(vars.get('scoped', 'pkg', 'd', true, 'x')).toBe('d');
    expect(() => vars.get('missing', 'shop', undefined, false, 'models/a.sql')).toThrow(
      /Required var 'missing' not found/,
    );
  });
});

describe('properties YAML', () => {
  test('tests in every form: name, mapping, arguments:, config:, custom name, on sources', () => {
    const doc = parseYaml(
      [
        'models:',
        '  - name: orders',
        '    columns:',
        '      - name: status',
        '        data_tests:',
        '          - not_null',
        "          - accepted_values: {values: ['a', 'b'], severity: warn}",
        '          - accepted_values:',
        "              arguments: {values: ['c']}",
        '              config: {where: "x > 1", limit: 5}',
        '          - relationships:',
        '              name: status_exists',
        "              to: ref('statuses')",
        '              field: code',
        'sources:',
        '  - name: raw',
        '    tables:',
        '      - name: orders',
        '        columns:',
        '          - name: id',
        '            tests: [unique]',
      ].join('\n'),
      'models/schema.yml',
    );
    const p = readProperties(doc, 'models/schema.yml');
    expect(p.tests.map((t) => t.testName)).toEqual([
      'not_null',
      'accepted_values',
      'accepted_values',
      'relationships',
      'unique',
    ]);
    expect(p.tests[1]).toMatchObject({
      args: { values: ['a', 'b'], column_name: 'status' },
      config: { severity: 'warn' },
    });
    expect(p.tests[2]).toMatchObject({
      args: { values: ['c'], column_name: 'status' },
      config: { where: 'x > 1', limit: 5 },
    });
    expect(p.tests[3].customName).toBe('status_exists');
    expect(p.tests[4].target).toEqual({ kind: 'source', source: 'raw', table: 'orders' });
    expect(p.sources[0]).toMatchObject({ sourceName: 'raw', name: 'orders', identifier: 'orders' });
  });

  test('an unknown test config key or top-level key is an error naming the field', () => {
    const bad = parseYaml(
      'models:\n  - name: a\n    columns:\n      - name: id\n        data_tests:\n          - unique:\n              config: {severty: warn}\n',
      'f.yml',
    );
    expect(() => readProperties(bad, 'f.yml')).toThrow(
      /unknown test config 'severty'; did you mean 'severity'\?/,
    );
    expect(() => readProperties(parseYaml('modles: []\n', 'f.yml'), 'f.yml')).toThrow(
      /unknown top-level key 'modles'; did you mean 'models'\?/,
    );
  });
});
