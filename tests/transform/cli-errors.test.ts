import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../support/pg';
import { tempDir } from '../support/tmp';
import { runCli } from './support/project-harness';

const PROJECT = `name: errs\nversion: '1.0.0'\nconfig-version: 2\nprofile: errs\n`;
const DUCKDB_PROFILE = `errs:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n`;

/** A throwaway project: files relative to its root. */
function project(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const t = tempDir('lf-errs-');
  const all: Record<string, string> = {
    'dbt_project.yml': PROJECT,
    'profiles.yml': DUCKDB_PROFILE,
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(t.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(t.dir, rel), text);
  }
  return t;
}

const cli = (dir: string, ...args: string[]) =>
  runCli(['transform', ...args, '--project-dir', dir], { ...process.env, DBT_PROFILES_DIR: '' });

describe('transform errors name the file, line and field', () => {
  const made: { cleanup: () => void }[] = [];
  const p = (files: Record<string, string>) => {
    const t = project(files);
    made.push(t);
    return t.dir;
  };
  afterAll(() => made.forEach((t) => t.cleanup()));

  test('a Jinja syntax error gives file, line and column; exit 1', async () => {
    const dir = p({
      'models/a.sql': 'select 1 as id\n',
      'models/broken.sql': "select *\nfrom {{ ref('a') }}\nwhere {% if x %} 1 = 1\n",
    });
    const r = await cli(dir, 'parse');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/models\/broken\.sql:3:\d+/);
    expect(r.stderr).toMatch(/endif/);
  });

  test('an unknown ref suggests the nearest name; an unknown source too', async () => {
    let r = await cli(
      p({ 'models/orders.sql': 'select 1 as id\n', 'models/b.sql': "select * from {{ ref('ordres') }}\n" }),
      'compile',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/models\/b\.sql.*'ordres' which was not found; did you mean 'orders'\?/);
    r = await cli(
      p({
        'models/s.yml': 'sources:\n  - name: raw\n    tables:\n      - name: orders\n',
        'models/b.sql': "select * from {{ source('raw', 'order') }}\n",
      }),
      'parse',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/source 'raw.order' which was not found; did you mean 'raw.orders'\?/);
  });

  test('a cycle is reported with its path', async () => {
    const r = await cli(
      p({
        'models/a.sql': "select * from {{ ref('b') }}\n",
        'models/b.sql': "select * from {{ ref('a') }}\n",
      }),
      'parse',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /dependency cycle: model\.errs\.(a|b) -> model\.errs\.(a|b) -> model\.errs\.(a|b)/,
    );
  });

  test('a misspelled config key is an error with a suggestion, wherever it is written', async () => {
    let r = await cli(
      p({
        'dbt_project.yml': `${PROJECT}models:\n  errs:\n    +materizalied: table\n`,
        'models/a.sql': 'select 1\n',
      }),
      'parse',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /dbt_project\.yml: models\.errs\.\+materizalied: unknown model config 'materizalied'; did you mean 'materialized'\?/,
    );
    r = await cli(
      p({
        'models/a.sql': 'select 1\n',
        'models/a.yml': 'models:\n  - name: a\n    config:\n      unnnnique_key: id\n',
      }),
      'parse',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /models\/a\.yml: models\[0\]\.config\.unnnnique_key: unknown model config 'unnnnique_key'; did you mean 'unique_key'\?/,
    );
    r = await cli(p({ 'models/a.sql': "{{ config(materialzed='table') }}\nselect 1\n" }), 'parse');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/models\/a\.sql.*'materialzed'; did you mean 'materialized'\?/);
    r = await cli(p({ 'dbt_project.yml': `${PROJECT}model-path: [models]\n` }), 'parse');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown key 'model-path'; did you mean 'model-paths'\?/);
  });

  test('hub packages cannot be downloaded: say so; a vendored copy in dbt_packages works', async () => {
    const dir = p({
      'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n',
      'models/a.sql': 'select {{ dbt_utils.answer() }} as x\n',
    });
    let r = await cli(dir, 'parse');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/package 'dbt-labs\/dbt_utils' is not installed and cannot be downloaded here/);
    expect(r.stderr).toMatch(/dbt_packages\/dbt_utils/);
    fs.mkdirSync(path.join(dir, 'dbt_packages', 'dbt_utils', 'macros'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'dbt_packages', 'dbt_utils', 'dbt_project.yml'),
      "name: dbt_utils\nversion: '1.3.0'\nconfig-version: 2\n",
    );
    fs.writeFileSync(
      path.join(dir, 'dbt_packages', 'dbt_utils', 'macros', 'answer.sql'),
      '{% macro answer() %}42{% endmacro %}\n',
    );
    r = await cli(dir, 'show', '-s', 'a', '--output', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).show[0].x).toBe(42);
  });

  test('profiles: DBT_PROFILES_DIR, --target, and an unknown target is a usage error (exit 2)', async () => {
    const dir = p({ 'models/a.sql': 'select 1 as id\n', 'profiles.yml': '' });
    const profiles = tempDir('lf-profiles-');
    made.push(profiles);
    fs.writeFileSync(
      path.join(profiles.dir, 'profiles.yml'),
      `errs:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: "{{ env_var('LF_DB_FILE') }}"\n    ci:\n      type: duckdb\n      path: ci.duckdb\n`,
    );
    fs.rmSync(path.join(dir, 'profiles.yml'));
    const env = {
      ...process.env,
      DBT_PROFILES_DIR: profiles.dir,
      LF_DB_FILE: path.join(dir, 'from-env.duckdb'),
    };
    let r = await runCli(['transform', 'run', '--project-dir', dir], env);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'from-env.duckdb'))).toBe(true);
    r = await runCli(['transform', 'run', '--project-dir', dir, '--target', 'ci'], env);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'ci.duckdb'))).toBe(true);
    r = await runCli(['transform', 'run', '--project-dir', dir, '--target', 'cl'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/target 'cl' not found in profile 'errs'; did you mean 'ci'\?/);
    r = await runCli(['transform', 'run', '--project-dir', dir, '-s', 'colour:red'], env);
    expect(r.status).toBe(2);
  });

  test('a ref seen only when executing asks for a depends_on hint; render-time queries must be repeatable', async () => {
    let r = await cli(
      p({
        'models/a.sql': 'select 1 as id\n',
        'models/b.sql':
          "select 1 as id\n{% if execute %}union all select id from {{ ref('a') }}{% endif %}\n",
      }),
      'run',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/'b' refers to 'a' only when executing/);
    expect(r.stderr).toMatch(/-- depends_on: \{\{ ref\('a'\) \}\}/);
    r = await cli(
      p({
        'models/c.sql':
          "{% set r = run_query('select ' ~ modules.datetime.datetime.now().microsecond ~ ' as x') %}select 1 as id\n",
      }),
      'run',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/changes on every pass/);
  });

  test('clean deletes target/; debug reports the connection', async () => {
    const dir = p({ 'models/a.sql': 'select 1 as id\n' });
    expect((await cli(dir, 'run')).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'target', 'manifest.json'))).toBe(true);
    expect((await cli(dir, 'clean')).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'target'))).toBe(false);
    const d = await cli(dir, 'debug', '--profiles-dir', dir);
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/connection ok/);
  });
});

describe('secrets never reach logs, errors or artifacts', () => {
  const password = 'Sekr1t-pw-7f3a9c-learnflow';
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    db = await createTestDatabase('secret');
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query(
        `do $$ begin if not exists (select from pg_roles where rolname = 'lf_secret_user') then create role lf_secret_user login password '${password}'; end if; end $$`,
      );
      await admin.query(`grant all on database "${db.name}" to lf_secret_user`);
      await admin.query('grant all on schema public to lf_secret_user');
    } finally {
      await admin.end();
    }
    const u = new URL(db.url);
    t = project({
      'profiles.yml': `errs:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: ${u.hostname}\n      port: ${u.port}\n      user: lf_secret_user\n      password: "{{ env_var('DBT_ENV_SECRET_PG_PASSWORD') }}"\n      dbname: ${db.name}\n      schema: lf_secret\n`,
      'models/ok.sql': "select '{{ target.user }}' as who\n",
      'models/fails.sql': "select no_such_column from {{ ref('ok') }}\n",
    });
  });

  afterAll(async () => {
    t?.cleanup();
    await db?.drop();
  });

  test('build, debug and a database error show no password', async () => {
    const env = { ...process.env, DBT_ENV_SECRET_PG_PASSWORD: password, DBT_PROFILES_DIR: '' };
    const build = await runCli(['transform', 'build', '--project-dir', t.dir], env);
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/no_such_column/);
    const debug = await runCli(['transform', 'debug', '--project-dir', t.dir], env);
    expect(debug.status).toBe(0);
    const wrong = await runCli(['transform', 'debug', '--project-dir', t.dir], {
      ...env,
      DBT_ENV_SECRET_PG_PASSWORD: `${password}-wrong`,
    });
    expect(wrong.status).toBe(1);
    const everything = [build.stdout, build.stderr, debug.stdout, debug.stderr, wrong.stdout, wrong.stderr];
    const walk = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(path.join(t.dir, 'target'))) everything.push(fs.readFileSync(f, 'utf8'));
    expect(everything.length).toBeGreaterThan(6);
    for (const text of everything) expect(text).not.toContain(password);
    expect(fs.readFileSync(path.join(t.dir, 'target', 'manifest.json'), 'utf8')).toContain(
      '"adapter_type":"postgres"',
    );
  });
});
