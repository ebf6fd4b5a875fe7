import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadSchemaSet } from '../../runner/schema/load-schema-set';
import { diffSchemas, type SchemaDiff } from '../../runner/schema/diff-schemas';
import { releasedVersions } from '../../runner/schema/release-schema';
import { tempDir } from '../support/tmp';
import { copySchemaDir, editEntity, editManifest, SCHEMA_DIR } from './support/schema-copy';
import { runCli } from './support/run-cli';

let scratch: ReturnType<typeof tempDir>;
let oldDir: string;
let newDir: string;
beforeEach(() => {
  scratch = tempDir('learnflow-schema-diff-');
  oldDir = copySchemaDir(fs.mkdirSync(path.join(scratch.dir, 'old'), { recursive: true })!);
  newDir = copySchemaDir(fs.mkdirSync(path.join(scratch.dir, 'new'), { recursive: true })!);
});
afterEach(() => scratch.cleanup());

const bump = (version: string) => editManifest(newDir, (d) => (d.version = version));
const diff = (): SchemaDiff => diffSchemas(loadSchemaSet(oldDir), loadSchemaSet(newDir));
const only = (d: SchemaDiff) => d.changes.map((c) => `${c.class} ${c.path}`);

describe('schema diff classifies every change', () => {
  it('no change: nothing to report, ok', () => {
    const d = diff();
    expect(d.changes).toEqual([]);
    expect(d.ok).toBe(true);
  });

  it('an added optional field is minor, and needs no major bump', () => {
    editEntity(
      newDir,
      'video',
      (d) => (d.properties.thumbnail_url = { type: ['string', 'null'], maxLength: 2048 }),
    );
    bump('1.1.0');
    const d = diff();
    expect(only(d)).toEqual(['minor video.thumbnail_url']);
    expect(d.required).toBe('minor');
    expect(d.ok).toBe(true);
  });

  it('a minor change without any bump is allowed but warned about', () => {
    editEntity(newDir, 'video', (d) => (d.properties.thumbnail_url = { type: ['string', 'null'] }));
    const d = diff();
    expect(d.ok).toBe(true);
    expect(d.warnings[0]).toMatch(/minor bump/);
  });

  const breaking: [string, () => void, string][] = [
    [
      'a removed field',
      () => editEntity(newDir, 'podcast', (d) => delete d.properties.google_podcasts_url),
      'podcast.google_podcasts_url: field removed',
    ],
    [
      'a type change',
      () =>
        editEntity(
          newDir,
          'learning_resource_run',
          (d) => (d.properties.year = { type: ['string', 'null'] }),
        ),
      'learning_resource_run.year: type changed',
    ],
    [
      'a new required field',
      () =>
        editEntity(newDir, 'feed_item', (d) => {
          d.properties.language = { type: 'string' };
          d.required.push('language');
        }),
      'feed_item.language: new required field',
    ],
    [
      'an optional field made required',
      () => editEntity(newDir, 'image', (d) => d.required.push('alt')),
      'image.alt: now required',
    ],
    [
      'a primary key change',
      () => editEntity(newDir, 'topic_mapping', (d) => (d['x-primary-key'] = ['id', 'topic_id'])),
      'topic_mapping: primary key changed',
    ],
    [
      'a unique key change',
      () =>
        editEntity(newDir, 'learning_resource', (d) => (d['x-unique'] = [['readable_id', 'resource_type']])),
      'learning_resource: unique key removed',
    ],
    [
      'a foreign key removed',
      () => editEntity(newDir, 'department', (d) => (d['x-foreign-keys'] = [])),
      'department: foreign key removed',
    ],
    [
      'an enum value removed',
      () => editEntity(newDir, 'feed_source', (d) => (d.properties.feed_type.enum = ['news'])),
      'feed_source.feed_type: enum values removed: "events"',
    ],
    [
      'a shorter maxLength',
      () => editEntity(newDir, 'learning_resource', (d) => (d.properties.title.maxLength = 128)),
      'learning_resource.title: maxLength 256 → 128',
    ],
    [
      'a nested field removed',
      () =>
        editEntity(
          newDir,
          'course',
          (d) => delete d.properties.course_numbers.items.properties.sort_coursenum,
        ),
      'course.course_numbers[].sort_coursenum: field removed',
    ],
    [
      'an entity removed',
      () => editManifest(newDir, (d) => (d.entities = d.entities.filter((e: string) => e !== 'run_price'))),
      'run_price: entity removed',
    ],
  ];

  for (const [name, edit, expected] of breaking) {
    it(`${name} is major: fails without a major bump, passes with one`, () => {
      edit();
      if (name === 'an entity removed') fs.rmSync(path.join(newDir, 'schemas', 'run_price.schema.json'));
      bump('1.1.0');
      const d = diff();
      const lines = d.changes.map((c) => `${c.path}: ${c.message}`);
      expect(lines.some((l) => l.startsWith(expected))).toBe(true);
      expect(d.changes.find((c) => `${c.path}: ${c.message}`.startsWith(expected))!.class).toBe('major');
      expect(d.ok).toBe(false);
      expect(d.problems[0]).toMatch(/breaking changes need a major version bump/);
      bump('2.0.0');
      expect(diff().ok).toBe(true);
    });
  }

  it('enum values added, a longer maxLength and a new index are minor; a description is patch', () => {
    editEntity(newDir, 'feed_source', (d) => {
      d.properties.feed_type.enum = ['news', 'events', 'podcasts'];
      d.properties.title.maxLength = 512;
      d.properties.description.description = 'what the feed is about';
      d['x-indexes'].push({ columns: ['url'] });
    });
    const d = diff();
    expect(d.changes.map((c) => c.class).sort()).toEqual(['minor', 'minor', 'minor', 'patch']);
    expect(d.required).toBe('minor');
  });

  it('a version that goes down fails', () => {
    bump('0.9.0');
    expect(diff().problems).toContainEqual(expect.stringMatching(/went down/));
  });

  it('learnflow schema diff prints each change with its class and exits 1 on an unbumped break', async () => {
    editEntity(newDir, 'podcast', (d) => delete d.properties.rss_url);
    editEntity(newDir, 'video', (d) => (d.properties.thumbnail_url = { type: ['string', 'null'] }));
    const r = await runCli(['schema', 'diff', oldDir, newDir], scratch.dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('MAJOR  podcast.rss_url: field removed');
    expect(r.out).toContain('MINOR  video.thumbnail_url: new optional field');
    expect(r.out).toContain('error: breaking changes need a major version bump: 1.0.0 → 1.0.0 is no bump');
    bump('2.0.0');
    expect((await runCli(['schema', 'diff', oldDir, newDir], scratch.dir)).code).toBe(0);
  });

  it('reads the old side from a git ref (git:<ref>)', async () => {
    const repo = path.join(scratch.dir, 'repo');
    fs.mkdirSync(repo);
    copySchemaDir(fs.mkdirSync(path.join(repo, 'shared-schema'), { recursive: true })!);
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args],
        {
          cwd: repo,
          stdio: 'pipe',
        },
      );
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'schema 1.0.0');
    editEntity(
      path.join(repo, 'shared-schema'),
      'instructor',
      (d) => (d.properties.full_name = { type: 'integer' }),
    );
    const r = await runCli(['schema', 'diff', 'git:HEAD', 'shared-schema'], repo);
    expect(r.log).toBe('');
    expect(r.out).toContain('MAJOR  instructor.full_name: type changed: string → integer');
    expect(r.code).toBe(1);
    const bad = await runCli(['schema', 'diff', 'git:no-such-ref', 'shared-schema'], repo);
    expect(bad.code).toBe(2);
  });
});

describe('the working schema against the last released snapshot (CI gate)', () => {
  it('has no breaking change without a major version bump', () => {
    const released = releasedVersions(path.join(SCHEMA_DIR, 'released'));
    expect(released.length).toBeGreaterThan(0);
    const last = path.join(SCHEMA_DIR, 'released', released[released.length - 1]);
    const d = diffSchemas(loadSchemaSet(last), loadSchemaSet(SCHEMA_DIR));
    expect(d.problems).toEqual([]);
  });
});
