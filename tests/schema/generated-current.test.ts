import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/tmp';
import { copySchemaDir, editEntity, SCHEMA_DIR } from './support/schema-copy';
import { runCli } from './support/run-cli';

describe('generated files', () => {
  it('are current: learnflow schema generate --check passes on the repository (CI fails otherwise)', async () => {
    const r = await runCli(['schema', 'generate', '--check', '--schema-dir', SCHEMA_DIR], process.cwd());
    expect(r.out).not.toContain('stale:');
    expect(r.code).toBe(0);
  });

  describe('in a scratch copy', () => {
    let scratch: ReturnType<typeof tempDir>;
    beforeEach(() => {
      scratch = tempDir('learnflow-schema-gen-');
      copySchemaDir(scratch.dir);
    });
    afterEach(() => scratch.cleanup());

    it('--check exits 1 naming each stale, missing and extra file, and writes nothing', async () => {
      editEntity(scratch.dir, 'podcast', (d) => (d.properties.rss_url.maxLength = 4096));
      fs.rmSync(path.join(scratch.dir, 'generated', 'opensearch', 'video.json'));
      fs.writeFileSync(path.join(scratch.dir, 'generated', 'leftover.ts'), '// old\n');
      const before = fs.readFileSync(path.join(scratch.dir, 'generated', 'postgres.sql'), 'utf8');
      const r = await runCli(['schema', 'generate', '--check', '--schema-dir', scratch.dir], scratch.dir);
      expect(r.code).toBe(1);
      expect(r.out).toContain('stale: generated/postgres.sql (changed)');
      expect(r.out).toContain('stale: generated/dbt/postgres/podcast.yml (changed)');
      expect(r.out).toContain('stale: generated/opensearch/video.json (missing)');
      expect(r.out).toContain('stale: generated/leftover.ts (extra)');
      expect(r.out).not.toContain('generated/opensearch/course.json');
      expect(fs.readFileSync(path.join(scratch.dir, 'generated', 'postgres.sql'), 'utf8')).toBe(before);
    });

    it('generate rewrites exactly the stale files, after which --check passes', async () => {
      editEntity(scratch.dir, 'podcast', (d) => (d.properties.rss_url.maxLength = 4096));
      const gen = await runCli(['schema', 'generate', '--schema-dir', scratch.dir], scratch.dir);
      expect(gen.code).toBe(0);
      expect(fs.readFileSync(path.join(scratch.dir, 'generated', 'postgres.sql'), 'utf8')).toContain(
        '"rss_url" varchar(4096)',
      );
      const check = await runCli(['schema', 'generate', '--check', '--schema-dir', scratch.dir], scratch.dir);
      expect(check.code).toBe(0);
    });
  });
});
