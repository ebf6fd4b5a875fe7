import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';
import {
  ARCHIVES_BUCKET,
  ARCHIVES_PREFIX,
  FIXTURES_DIR,
  OCW_BUCKET,
  courseContentReplayRoutes,
  s3ReplayRoutes,
} from '../src/replay-routes';
import { syntheticCourseFiles } from './support/synthetic-course';
import { makeTarGz } from './support/tar-gz';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const RECORDED = 'course-v1:MITxT+8.01.3x+3T2022.tar.gz';
const SYNTHETIC = 'course-v1:MITxT+SYN.101x+1T2026.tar.gz';
const KEY_ID = 'AKIAFULLREADTEST';
const SECRET = 'full-read-secret-value-93';

function catalog(names: string[], mode: 'full_refresh' | 'incremental' = 'full_refresh') {
  return {
    streams: names.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: mode,
      destination_sync_mode: mode === 'incremental' ? 'append_dedup' : 'overwrite',
      ...(mode === 'incremental' ? { cursor_field: ['source_last_modified'] } : {}),
    })),
  };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-content-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(
  config: Record<string, unknown>,
  streams: string[],
  opts: { mode?: 'full_refresh' | 'incremental'; state?: unknown; tag?: string } = {},
) {
  const tag = opts.tag ?? 'run';
  const args = [
    'read',
    '--config',
    writeJson(dir, `config-${tag}.json`, { retry_backoff_seconds: 0, ...config }),
    '--catalog',
    writeJson(dir, `catalog-${tag}.json`, catalog(streams, opts.mode)),
  ];
  if (opts.state) args.push('--state', writeJson(dir, `state-${tag}.json`, opts.state));
  const r = await runConnector(entry, args);
  const records = ofType(r.messages, 'RECORD').map((m) => m.record.data as Record<string, any>);
  const states = ofType(r.messages, 'STATE').map((m) => m.state);
  return { r, records, states, byKey: new Map(records.map((x) => [x.key as string, x])) };
}

describe('course archives and OCW from S3 (signed requests)', () => {
  let server: ReplayServer;
  let result: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    server = await startReplayServer(courseContentReplayRoutes(KEY_ID));
    result = await read(
      {
        s3_endpoint_url: server.url,
        aws_access_key_id: KEY_ID,
        aws_secret_access_key: SECRET,
        archives_bucket: ARCHIVES_BUCKET,
        archives_prefix: ARCHIVES_PREFIX,
        ocw_bucket: OCW_BUCKET,
        max_file_size_bytes: 1500,
      },
      ['course_archive_files', 'ocw_content_files'],
    );
  });
  afterAll(() => server.close());

  test('the recorded OLX export gives one record per content file with ids, checksum and text', () => {
    const { r, byKey } = result;
    expect(r.code).toBe(0);
    const run = 'course-v1:MITxT+8.01.3x+3T2022';
    const files = [...byKey.values()].filter((x) => x.run_id === run).map((x) => x.source_path);
    expect(files).toHaveLength(17);
    expect(files).not.toContain('._course');
    const course = byKey.get(`${run}/course/course/3T2022.xml`)!;
    expect(course).toMatchObject({
      source: 'olx_archive',
      course_id: 'MITxT+8.01.3x',
      archive_key: `${ARCHIVES_PREFIX}${RECORDED}`,
      title: 'Mechanics: Rotational Dynamics',
      file_type: '.xml',
      mime_type: 'application/xml',
      content_type: 'file',
      text_source: 'builtin',
      skipped_reason: null,
      deleted: false,
      source_last_modified: '2026-01-15T12:00:00.000Z',
    });
    const archive = fs.readFileSync(path.join(FIXTURES_DIR, 'archives', RECORDED));
    expect(course.archive_checksum).toBe(crypto.createHash('md5').update(archive).digest('hex'));
    const grading = byKey.get(`${run}/course/policies/3T2022/grading_policy.json`)!;
    expect(grading.text).toMatch(/Homework/);
    // over the 1500-byte limit: recorded with its reason, checksum of the whole file, no text
    const overview = byKey.get(`${run}/course/about/overview.html`)!;
    expect(overview).toMatchObject({ text: null, size: 1749 });
    expect(overview.skipped_reason).toBe('too_large: 1749 bytes, over the 1500-byte limit');
    expect(overview.checksum).toMatch(/^[0-9a-f]{32}$/);
  });

  test('every built-in extractor: HTML, XML, SRT, VTT, sjson, JSON, Markdown, text and PDF', () => {
    const get = (p: string) => result.byKey.get(`course-v1:MITxT+SYN.101x+1T2026/course/${p}`)!;
    expect(get('html/intro.html')).toMatchObject({
      title: 'Welcome to Waves',
      text: 'Week 1\nLight is a wave & a particle.\nReflection\nRefraction',
    });
    expect(get('problem/ps1.xml')).toMatchObject({
      title: 'Problem Set 1',
      text: 'What is the speed of light?\nUse c = 3e8 m/s.',
    });
    expect(get('course/1T2026.xml').title).toBe('Synthetic Course: Waves & Optics');
    expect(get('static/lecture1.srt').text).toBe('Hello and welcome. Today: interference.');
    expect(get('static/lecture2.vtt').text).toBe('Diffraction gratings split light by wavelength.');
    expect(get('static/subs_lecture3.srt.sjson').text).toBe('Polarization filters block one direction.');
    expect(get('policies/1T2026/policy.json').text).toBe('Synthetic Course\nCourse');
    expect(get('static/notes.md').text).toBe("# Notes\n\nSnell's law: n1 sin a = n2 sin b");
    expect(get('static/readme.txt').text).toBe('Plain text file.\nSecond line.');
    expect(get('static/slides.pdf')).toMatchObject({
      text: 'Lecture Slides\nYoung double slit experiment',
      mime_type: 'application/pdf',
    });
    expect(get('static/handout.docx')).toMatchObject({ text: null });
    expect(get('static/handout.docx').skipped_reason).toMatch(/^no_extractor: .*\.docx/);
    expect(get('drafts/ignored.html').text).toBe('not in a draft folder: kept');
    for (const p of ['draft/html/unpublished.html', 'static/._lecture1.srt', 'static/diagram.png'])
      expect(get(p)).toBeUndefined();
    const md5 = crypto
      .createHash('md5')
      .update(String(syntheticCourseFiles().find(([n]) => n === 'course/static/lecture1.srt')![1]))
      .digest('hex');
    expect(get('static/lecture1.srt').checksum).toBe(md5);
  });

  test('a corrupt archive fails alone, with its reason logged', () => {
    const { r, records } = result;
    expect(records.some((x) => String(x.run_id).includes('BROKEN'))).toBe(false);
    expect(r.stderr).toMatch(
      /archive .*BROKEN\.1x\+1T2026\.tar\.gz failed and was skipped: unexpected end of file/,
    );
    expect(r.stderr).toMatch(/3 listed, 0 unchanged, 1 failed/);
    const statuses = ofType(r.messages, 'TRACE')
      .filter((m) => m.trace.type === 'STREAM_STATUS')
      .map((m) => m.trace.stream_status?.status);
    expect(statuses.filter((s) => s === 'COMPLETE')).toHaveLength(2);
  });

  test('OCW pages and resources: the referenced files and video transcripts, with their text', () => {
    const ocw = result.records.filter((x) => x.source === 'ocw');
    const root = 'courses/16-01-unified-engineering-i-ii-iii-iv-fall-2005-spring-2006';
    expect(ocw.map((x) => x.key).sort()).toEqual([
      `${root}/pages/syllabus`,
      `${root}/resources/resource`,
      `${root}/resources/textbook`,
      `${root}/resources/video`,
    ]);
    const resource = result.byKey.get(`${root}/resources/resource`)!;
    expect(resource).toMatchObject({
      course_id: '16-01-unified-engineering-i-ii-iii-iv-fall-2005-spring-2006',
      run_id: '97db384ef34009a64df7cb86cf701979',
      title: 'Resource Title',
      content_type: 'pdf',
      source_path: `${root}/0902956aa08f67a954b28efdcbaaa472_MIT6_262S11_assn 01.pdf`,
      text: 'Problem Set 1\nCompute the lift on a flat plate.',
      text_source: 'builtin',
    });
    expect(resource.metadata.learning_resource_types).toEqual([
      'Activity Assignments',
      'Activity Assignments with Examples',
    ]);
    expect(result.byKey.get(`${root}/resources/video`)).toMatchObject({
      content_type: 'video',
      text: 'Transcript\nToday we talk about forces.',
      source_path: `${root}/1MTm4cjPnMl0AmnP42tDtBleiQ3Zc2g26_transcript.pdf`,
    });
    expect(result.byKey.get(`${root}/pages/syllabus`)).toMatchObject({
      content_type: 'page',
      title: 'Syllabus',
      text: 'Description of Syllabus\n\nCourse Meeting Times Lecture',
      text_source: 'data.json',
    });
  });

  test('requests are SigV4-signed and the listing pages through continuation tokens; the secret is never printed', () => {
    expect(server.requests.every((q) => q.served === 'ok')).toBe(true);
    expect(server.requests.filter((q) => q.query['continuation-token']).length).toBeGreaterThan(0);
    expect(result.r.stderr.includes(SECRET) || result.r.stdout.includes(SECRET)).toBe(false);
  });
});

describe('incremental', () => {
  test('unchanged archives are not downloaded; unchanged files are not re-extracted; removed files are marked deleted', async () => {
    const v1 = path.join(dir, 'v1');
    const v2 = path.join(dir, 'v2');
    for (const d of [v1, v2]) fs.mkdirSync(d, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES_DIR, 'archives', RECORDED), path.join(v1, RECORDED));
    fs.copyFileSync(path.join(FIXTURES_DIR, 'archives', RECORDED), path.join(v2, RECORDED));
    const files = syntheticCourseFiles();
    fs.writeFileSync(path.join(v1, SYNTHETIC), await makeTarGz(files));
    const changed = files
      .filter(([n]) => n !== 'course/static/readme.txt')
      .map(([n, b]): [string, Buffer | string] =>
        n === 'course/html/intro.html' ? [n, '<p>Updated intro</p>'] : [n, b],
      );
    changed.push(['course/html/new.html', '<p>A new page</p>']);
    fs.writeFileSync(path.join(v2, SYNTHETIC), await makeTarGz(changed));
    const routes: ReplayRoute[] = [
      ...s3ReplayRoutes('v1', v1, { prefix: ARCHIVES_PREFIX, lastModified: '2026-01-01T00:00:00.000Z' }),
      ...s3ReplayRoutes('v2', v2, { prefix: ARCHIVES_PREFIX, lastModified: '2026-02-01T00:00:00.000Z' }),
    ];
    const server = await startReplayServer(routes);
    try {
      const base = { s3_endpoint_url: server.url, archives_prefix: ARCHIVES_PREFIX };
      const first = await read({ ...base, archives_bucket: 'v1' }, ['course_archive_files'], {
        mode: 'incremental',
        tag: 'inc1',
      });
      expect(first.r.code).toBe(0);
      expect(first.records.length).toBe(17 + 13);
      const finalState = ofType(first.r.messages, 'STATE').pop()!.state;
      const stateBytes = JSON.stringify(finalState).length;
      expect(stateBytes).toBeLessThan(6000);
      expect(JSON.stringify(finalState)).not.toMatch(/Light is a wave/);

      server.requests.length = 0;
      const second = await read({ ...base, archives_bucket: 'v2' }, ['course_archive_files'], {
        mode: 'incremental',
        state: [finalState],
        tag: 'inc2',
      });
      expect(second.r.code).toBe(0);
      const downloaded = server.requests
        .filter((q) => q.path.startsWith('/v2/') && !q.query['list-type'])
        .map((q) => decodeURIComponent(q.path));
      expect(downloaded).toEqual([`/v2/${ARCHIVES_PREFIX}${SYNTHETIC}`]);
      const emitted = second.records.map((x) => [x.source_path, x.deleted, x.text]);
      expect(emitted).toEqual([
        ['course/html/intro.html', false, 'Updated intro'],
        ['course/html/new.html', false, 'A new page'],
        ['course/static/readme.txt', true, null],
      ]);
      expect(second.r.stderr).toMatch(
        /2 listed, 1 unchanged, 0 failed; 2 file record\(s\), 11 unchanged file\(s\) reused/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('Apache Tika', () => {
  test('text comes from PUT /tika with the access token; 502/503 are retried with backoff; concurrency is bounded', async () => {
    const folder = path.join(dir, 'tika-archives');
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES_DIR, 'archives', RECORDED), path.join(folder, RECORDED));
    let inFlight = 0;
    let maxInFlight = 0;
    const token = 'tika-token-7c1e55';
    const server = await startReplayServer([
      {
        method: 'PUT',
        path: '/tika',
        requireHeaders: { 'x-access-token': token, 'x-tika-pdfocrstrategy': 'no_ocr' },
        faults: [
          { status: 503 },
          { status: 503 },
          { status: 502 },
          { status: 503, headers: { 'retry-after': '0' } },
        ],
        handler: async (req) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
          inFlight--;
          return { headers: { 'content-type': 'text/plain' }, body: `TIKA ${req.body.length} bytes` };
        },
      },
    ]);
    try {
      const { r, records } = await read(
        {
          archives_path: folder,
          tika_url: server.url,
          tika_access_token: token,
          tika_backoff_seconds: 0,
          tika_concurrency: 2,
        },
        ['course_archive_files'],
        { tag: 'tika' },
      );
      expect(r.code).toBe(0);
      expect(records).toHaveLength(17);
      for (const rec of records) {
        expect(rec.text_source).toBe('tika');
        expect(rec.text).toBe(`TIKA ${rec.size} bytes`);
      }
      expect(records.find((x) => x.source_path === 'course/course/3T2022.xml')!.title).toBe(
        'Mechanics: Rotational Dynamics',
      );
      const puts = server.requests.filter((q) => q.path === '/tika');
      expect(puts).toHaveLength(17 + 4);
      expect(puts.filter((q) => q.served !== 'ok').map((q) => q.served)).toEqual([
        'status 503',
        'status 503',
        'status 502',
        'status 503',
      ]);
      expect(puts.every((q) => q.route === 0)).toBe(true);
      expect(maxInFlight).toBeLessThanOrEqual(2);
      expect(r.stderr).toMatch(/Tika: HTTP 503 for .*; retry 1\/5/);
      expect(r.stderr.includes(token)).toBe(false);
    } finally {
      await server.close();
    }
  });

  test('a Tika that stays down costs each file its text, not the run, and the files are not remembered as done', async () => {
    const folder = path.join(dir, 'tika-down');
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES_DIR, 'archives', RECORDED), path.join(folder, RECORDED));
    const server = await startReplayServer([
      { method: 'PUT', path: '/tika', status: 503, body: 'overloaded' },
    ]);
    try {
      const { r, records } = await read(
        { archives_path: folder, tika_url: server.url, tika_max_retries: 1, tika_backoff_seconds: 0 },
        ['course_archive_files'],
        { mode: 'incremental', tag: 'tika-down' },
      );
      expect(r.code).toBe(0);
      expect(records).toHaveLength(17);
      expect(
        records.every(
          (x) =>
            x.text === null && /^tika_failed: .*HTTP 503; gave up after 2 attempt/.test(x.skipped_reason),
        ),
      ).toBe(true);
      const state = ofType(r.messages, 'STATE').pop()!.state.stream!.stream_state as any;
      expect(Object.keys(state.runs['course-v1:MITxT+8.01.3x+3T2022'].files)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

test('local folders give the same records as the buckets', async () => {
  const server = await startReplayServer(courseContentReplayRoutes());
  try {
    const s3 = await read(
      {
        s3_endpoint_url: server.url,
        archives_bucket: ARCHIVES_BUCKET,
        archives_prefix: ARCHIVES_PREFIX,
        ocw_bucket: OCW_BUCKET,
      },
      ['course_archive_files', 'ocw_content_files'],
      { tag: 's3-anon' },
    );
    const local = await read(
      { archives_path: path.join(FIXTURES_DIR, 'archives'), ocw_path: path.join(FIXTURES_DIR, 'ocw') },
      ['course_archive_files', 'ocw_content_files'],
      { tag: 'local' },
    );
    expect(s3.r.code).toBe(0);
    expect(local.r.code).toBe(0);
    const strip = (x: Record<string, any>) => [x.key, x.text, x.checksum, x.skipped_reason];
    expect(local.records.map(strip).sort()).toEqual(s3.records.map(strip).sort());
    expect(local.records.length).toBe(17 + 13 + 4);
  } finally {
    await server.close();
  }
});

test('a Tika request that hangs times out and is retried', async () => {
  const folder = path.join(dir, 'tika-timeout');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'course-v1:MITxT+ONE.1x+1T2026.tar.gz'),
    await makeTarGz([['course/static/a.txt', 'hello']]),
  );
  let calls = 0;
  const hang = new Promise<never>(() => undefined);
  const server = await startReplayServer([
    {
      method: 'PUT',
      path: '/tika',
      handler: async () => {
        calls++;
        if (calls === 1) await hang;
        return { headers: { 'content-type': 'text/plain' }, body: 'from tika' };
      },
    },
  ]);
  try {
    const { r, records } = await read(
      { archives_path: folder, tika_url: server.url, tika_timeout_seconds: 1, tika_backoff_seconds: 0 },
      ['course_archive_files'],
      { tag: 'tika-timeout' },
    );
    expect(r.code).toBe(0);
    expect(records.map((x) => x.text)).toEqual(['from tika']);
    expect(calls).toBe(2);
    expect(r.stderr).toMatch(/Tika: timed out after 1000 ms for .*a\.txt; retry 1\/5/);
  } finally {
    await server.close();
  }
});

test('check: storage that refuses the credentials is FAILED with a message that says what to fix', async () => {
  const server = await startReplayServer([
    {
      path: '/locked/',
      query: { 'list-type': '2' },
      status: 403,
      headers: { 'content-type': 'application/xml' },
      body: '<Error><Code>AccessDenied</Code></Error>',
    },
  ]);
  try {
    const r = await runConnector(entry, [
      'check',
      '--config',
      writeJson(dir, 'check.json', {
        s3_endpoint_url: server.url,
        archives_bucket: 'locked',
        aws_access_key_id: 'AKIAX',
        aws_secret_access_key: 'sekret-value-1',
      }),
    ]);
    expect(r.code).toBe(0);
    const status = ofType(r.messages, 'CONNECTION_STATUS')[0].connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(
      /denied access .*HTTP 403 AccessDenied.*check the access key, secret and region/,
    );
    const none = await runConnector(entry, ['check', '--config', writeJson(dir, 'check-none.json', {})]);
    expect(ofType(none.messages, 'CONNECTION_STATUS')[0].connectionStatus.message).toMatch(
      /set archives_bucket or archives_path/,
    );
  } finally {
    await server.close();
  }
});

test('incremental in a folder: a new archive with an old mtime is still read and emitted', async () => {
  const folder = path.join(dir, 'mtime');
  fs.mkdirSync(folder, { recursive: true });
  const first = path.join(folder, RECORDED);
  fs.copyFileSync(path.join(FIXTURES_DIR, 'archives', RECORDED), first);
  fs.utimesSync(first, new Date('2026-02-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
  const a = await read({ archives_path: folder }, ['course_archive_files'], {
    mode: 'incremental',
    tag: 'mtime1',
  });
  expect(a.records).toHaveLength(17);
  const state = ofType(a.r.messages, 'STATE').pop()!.state;
  expect((state.stream!.stream_state as any).source_last_modified).toBe('2026-02-01T00:00:00.000Z');
  const copied = path.join(folder, SYNTHETIC);
  fs.writeFileSync(copied, await makeTarGz(syntheticCourseFiles()));
  fs.utimesSync(copied, new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
  const b = await read({ archives_path: folder }, ['course_archive_files'], {
    mode: 'incremental',
    state: [state],
    tag: 'mtime2',
  });
  expect(b.r.code).toBe(0);
  expect(b.records).toHaveLength(13);
  expect(new Set(b.records.map((x) => x.source_last_modified))).toEqual(
    new Set(['2026-02-01T00:00:00.000Z']),
  );
});
