import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/tmp';
import { copySchemaDir, editEntity, editManifest } from './support/schema-copy';
import { runCli } from './support/run-cli';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir('learnflow-schema-cli-');
  copySchemaDir(scratch.dir);
});
afterEach(() => scratch.cleanup());

describe('learnflow schema validate', () => {
  it('prints every failing field of every failing record and exits 1', async () => {
    const file = path.join(scratch.dir, 'runs.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ id: 1, learning_resource_id: 1, run_id: 'r1', published: true }),
        JSON.stringify({ id: 'two', learning_resource_id: 1, published: 'no', start_date: 'June' }),
        '',
      ].join('\n'),
    );
    const r = await runCli(
      ['schema', 'validate', 'learning_resource_run', file, '--schema-dir', scratch.dir],
      scratch.dir,
    );
    expect(r.code).toBe(1);
    expect(
      r.out
        .split('\n')
        .filter((l) => l.startsWith('record 2:'))
        .sort(),
    ).toEqual([
      'record 2: /id: must be integer',
      'record 2: /published: must be boolean',
      'record 2: /run_id: is required',
      'record 2: /start_date: must match format "date-time"',
    ]);
    expect(r.out).not.toContain('record 1:');
    expect(r.out).toContain('1 of 2 learning_resource_run records valid');
  });

  it('exits 0 for a valid JSON array, and 1 naming the entity when it is unknown', async () => {
    const file = path.join(scratch.dir, 'platforms.json');
    fs.writeFileSync(file, JSON.stringify([{ code: 'ocw', name: 'MIT OpenCourseWare' }]));
    const ok = await runCli(
      ['schema', 'validate', 'platform', file, '--schema-dir', scratch.dir],
      scratch.dir,
    );
    expect(ok.code).toBe(0);
    const bad = await runCli(
      ['schema', 'validate', 'platforms', file, '--schema-dir', scratch.dir],
      scratch.dir,
    );
    expect(bad.code).toBe(1);
    expect(bad.log).toContain('unknown entity "platforms"');
  });

  it('is a usage error (exit 2) with the wrong operands', async () => {
    const r = await runCli(['schema', 'validate', 'platform', '--schema-dir', scratch.dir], scratch.dir);
    expect(r.code).toBe(2);
  });
});

describe('learnflow schema release', () => {
  it('snapshots released/<version>, is idempotent, and refuses to change a released version', async () => {
    const first = await runCli(['schema', 'release', '--schema-dir', scratch.dir], scratch.dir);
    expect(first.code).toBe(0);
    expect(
      fs.existsSync(path.join(scratch.dir, 'released', '1.0.0', 'schemas', 'learning_resource.schema.json')),
    ).toBe(true);
    expect((await runCli(['schema', 'release', '--schema-dir', scratch.dir], scratch.dir)).out).toContain(
      'already released',
    );

    editEntity(scratch.dir, 'video', (d) => (d.properties.thumbnail_url = { type: ['string', 'null'] }));
    const clash = await runCli(['schema', 'release', '--schema-dir', scratch.dir], scratch.dir);
    expect(clash.code).toBe(1);
    expect(clash.log).toContain('1.0.0 is already released with different content');

    editManifest(scratch.dir, (d) => (d.version = '1.1.0'));
    expect((await runCli(['schema', 'release', '--schema-dir', scratch.dir], scratch.dir)).code).toBe(0);
    const diff = await runCli(
      [
        'schema',
        'diff',
        path.join(scratch.dir, 'released', '1.0.0'),
        path.join(scratch.dir, 'released', '1.1.0'),
      ],
      scratch.dir,
    );
    expect(diff.out).toContain('MINOR  video.thumbnail_url: new optional field');
    expect(diff.code).toBe(0);
  });
});
