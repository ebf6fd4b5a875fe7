import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from './support/schema-copy';
import { SCHEMA_VERSION, ENTITY_NAMES, SCHEMAS_DIR, dbtContractFile } from '../../shared-schema';

const manifest = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'schema.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'package.json'), 'utf8'));

describe('the shared-schema package', () => {
  it('carries the schema version', () => {
    expect(pkg.version).toBe(manifest.version);
    expect(SCHEMA_VERSION).toBe(manifest.version);
    expect([...ENTITY_NAMES]).toEqual(manifest.entities);
  });

  it('ships the JSON Schema files as plain files (npm pack)', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: SCHEMA_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    for (const e of manifest.entities) expect(files).toContain(`schemas/${e}.schema.json`);
    expect(files).toContain('schema.json');
    expect(files).toContain('meta/learn-keywords.schema.json');
    expect(files).toContain('generated/postgres.sql');
    expect(files).toContain('generated/dbt/postgres/learning_resource.yml');
  });

  it('points at the schema files and the dbt contracts', () => {
    expect(fs.existsSync(path.join(SCHEMAS_DIR, 'learning_resource.schema.json'))).toBe(true);
    const contract = fs.readFileSync(dbtContractFile('learning_resource', 'duckdb'), 'utf8');
    expect(contract).toContain('enforced: true');
    expect(contract).toMatch(/- name: next_start_date\n\s+data_type: timestamp with time zone/);
    const pg = fs.readFileSync(dbtContractFile('learning_resource', 'postgres'), 'utf8');
    expect(pg).toMatch(/- name: prices\n\s+data_type: numeric\(12,2\)\[\]/);
  });
});
