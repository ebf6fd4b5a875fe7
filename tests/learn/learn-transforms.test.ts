/**
 * The Learn transform project end to end: every source's recorded fixtures landed once through its connector
 * and replay server (`learnflow sync` into DuckDB, the raw tables mirrored into PostgreSQL),
 * `learnflow transform build` on DuckDB and on PostgreSQL (every model, its
 * contract and every data test), then selected marts compared with what MIT Learn's own ETL makes of the same
 * inputs (tests/learn/expected/, with the loader's rules applied where the marts hold the loaded values).
 */
import mitxonline from './expected/mitxonline.json';
import xpro from './expected/xpro.json';
import mitpe from './expected/mitpe.json';
import ocw from './expected/ocw.json';
import ovs from './expected/ovs.json';
import { buildOn, landOnce, type Engine, type LearnBuild } from './support/project';

const ENGINES: Engine[] = ['duckdb', 'postgres'];
const builds = new Map<Engine, LearnBuild>();
let landing: Awaited<ReturnType<typeof landOnce>> | undefined;

beforeAll(async () => {
  landing = await landOnce();
  const done = await Promise.all(
    ENGINES.map((engine) => buildOn(engine, landing as NonNullable<typeof landing>)),
  );
  for (const b of done) builds.set(b.engine, b);
}, 300_000);

afterAll(async () => {
  await Promise.all([...builds.values()].map((b) => b.cleanup()));
  await landing?.cleanup();
});

/** '2024-09-04 15:00:00+00', a Date or an ISO string → '2024-09-04T15:00:00Z'. */
function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const text =
    v instanceof Date
      ? v.toISOString()
      : String(v)
          .replace(' ', 'T')
          .replace(/([+-]\d\d)$/, '$1:00');
  return new Date(text).toISOString().replace('.000Z', 'Z');
}

const list = (v: unknown): string[] =>
  v === null || v === undefined || v === '' ? [] : String(v).split('|');
const amounts = (v: unknown): number[] => list(v).map(Number);

interface ExpectedRun {
  run_id: string;
  published?: boolean;
  status?: string;
  start_date?: string | null;
  end_date?: string | null;
  instructors: string[];
  prices: string[];
  slug?: string;
  semester?: string;
  year?: string | number;
  level?: string[];
  url?: string;
}

interface ExpectedResource {
  readable_id: string;
  platform?: string;
  resource_type?: string;
  title: string;
  published?: boolean;
  certification?: boolean;
  certification_type?: string;
  offered_by?: string | null;
  url?: string;
  departments?: string[] | null;
  topics: string[];
  ocw_topics?: string[];
  runs: ExpectedRun[];
}

async function resourceRow(b: LearnBuild, platform: string, readableId: string) {
  const s = b.schema;
  const rows = await b.query(`
    select r.id, r.readable_id, r.resource_type, r.title, r.published, r.certification, r.certification_type,
      r.offered_by_id, r.url, r.etl_source, array_to_string(r.ocw_topics, '|') as ocw_topics,
      (select string_agg(t.name, '|' order by t.name) from ${s}.resource_topic rt
        join ${s}.topic t on t.id = rt.topic_id where rt.learning_resource_id = r.id) as topics,
      (select string_agg(d.department_id, '|' order by d.department_id) from ${s}.resource_department d
        where d.learning_resource_id = r.id) as departments
    from ${s}.learning_resource r
    where r.platform_id = '${platform}' and r.readable_id = '${readableId}'`);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function runRows(b: LearnBuild, resourceId: unknown) {
  const s = b.schema;
  return b.query(`
    select run.run_id, run.published, run.status, run.start_date, run.end_date, run.slug, run.semester, run.year,
      run.url, array_to_string(run.level, '|') as level, array_to_string(run.prices, '|') as prices,
      (select string_agg(i.full_name, '|' order by ri.position) from ${s}.run_instructor ri
        join ${s}.instructor i on i.id = ri.instructor_id where ri.run_id = run.id) as instructors
    from ${s}.learning_resource_run run
    where run.learning_resource_id = ${String(resourceId)}
    order by run.run_id`);
}

async function learnTopicNames(b: LearnBuild): Promise<Set<string>> {
  return new Set((await b.query(`select name from ${b.schema}.topic`)).map((r) => String(r.name)));
}

/** Compares one source's expected resources with the marts (the loader's rules applied to prices and names). */
async function compareResources(b: LearnBuild, platform: string, expected: ExpectedResource[]) {
  const learnTopics = await learnTopicNames(b);
  for (const e of expected) {
    const row = await resourceRow(b, e.platform ?? platform, e.readable_id);
    expect({ readable_id: row.readable_id, title: row.title }).toEqual({
      readable_id: e.readable_id,
      title: e.title,
    });
    if (e.resource_type) expect(row.resource_type).toBe(e.resource_type);
    if (e.published !== undefined)
      expect([e.readable_id, row.published]).toEqual([e.readable_id, e.published]);
    if (e.certification !== undefined) expect(row.certification).toBe(e.certification);
    if (e.certification_type) expect(row.certification_type).toBe(e.certification_type);
    if (e.offered_by) expect(row.offered_by_id).toBe(e.offered_by);
    if (e.url) expect(row.url).toBe(e.url);
    if (e.departments) expect(list(row.departments)).toEqual([...e.departments].sort());
    if (e.ocw_topics) expect(list(row.ocw_topics)).toEqual(e.ocw_topics);
    // the loader keeps the names that are Learn topics and adds their parents
    expect(list(row.topics)).toEqual(expect.arrayContaining(e.topics.filter((t) => learnTopics.has(t))));

    const runs = await runRows(b, row.id);
    expect(runs.map((r) => r.run_id)).toEqual(e.runs.map((r) => r.run_id).sort());
    for (const er of e.runs) {
      const run = runs.find((r) => r.run_id === er.run_id) as Record<string, unknown>;
      const label = `${e.readable_id} ${er.run_id}`;
      if (er.published !== undefined) expect([label, run.published]).toEqual([label, er.published]);
      if (er.status) expect([label, run.status]).toEqual([label, er.status]);
      if (er.start_date !== undefined) expect([label, iso(run.start_date)]).toEqual([label, er.start_date]);
      if (er.end_date !== undefined) expect([label, iso(run.end_date)]).toEqual([label, er.end_date]);
      if (er.slug) expect(run.slug).toBe(er.slug);
      if (er.semester) expect(run.semester).toBe(er.semester);
      if (er.year) expect(Number(run.year)).toBe(Number(er.year));
      if (er.level) expect(list(run.level)).toEqual(er.level);
      if (er.url) expect(run.url).toBe(er.url);
      expect([label, list(run.instructors)]).toEqual([label, er.instructors.filter((n) => n.trim() !== '')]);
      // archived runs and runs of resources without a certificate carry no price once loaded
      const loaded = er.status === 'Archived' || !row.certification ? [] : er.prices.map(Number);
      expect([label, amounts(run.prices)]).toEqual([label, [...new Set(loaded)].sort((x, y) => x - y)]);
    }
  }
}

describe.each(ENGINES)('the Learn project built from the landed fixtures on %s', (engine) => {
  const b = () => builds.get(engine) as LearnBuild;

  test('transform build passes: every model, contract and data test', () => {
    const { code, stdout, stderr } = b().build;
    expect([code, stdout.slice(-3000) + stderr.slice(-2000)]).toEqual([0, expect.stringMatching(/ERROR=0 /)]);
    expect(stdout + stderr).toMatch(/PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
  });

  test('MITx Online courses: runs, dates, status, instructors, prices, topics, departments', async () => {
    await compareResources(b(), 'mitxonline', mitxonline.resources as ExpectedResource[]);
  });

  test('xPRO courses: runs with their prices and instructors, professional certificate', async () => {
    await compareResources(b(), 'xpro', xpro.resources as ExpectedResource[]);
  });

  test('MIT PE: pipe-delimited runs zipped, US/Eastern dates, prices, instructors', async () => {
    await compareResources(b(), 'mitpe', mitpe.resources as ExpectedResource[]);
  });

  test('OCW: readable id from number/term/year, url, departments, topics, course numbers, the one run', async () => {
    await compareResources(b(), 'ocw', ocw.resources as ExpectedResource[]);
    const [course] = await b().query(
      `select c.course_numbers from ${b().schema}.course c join ${b().schema}.learning_resource r
       on r.id = c.learning_resource_id where r.platform_id = 'ocw'`,
    );
    const numbers: unknown =
      typeof course.course_numbers === 'string' ? JSON.parse(course.course_numbers) : course.course_numbers;
    expect(numbers).toEqual(ocw.resources[0].course_numbers);
  });

  test('OVS videos: resources, video details and playlist links', async () => {
    const s = b().schema;
    for (const e of ovs.videos) {
      const [row] = await b().query(`
        select r.id, r.title, r.description, r.url, r.published, r.availability, r.last_modified, i.url as image_url,
          v.duration, v.streaming_url, cast(v.caption_urls as varchar) as caption_urls, v.cover_image_url,
          p.readable_id as playlist_id, p.title as playlist_title, p.url as playlist_url
        from ${s}.learning_resource r
        left join ${s}.image i on i.id = r.image_id
        join ${s}.video v on v.learning_resource_id = r.id
        join ${s}.learning_resource_relationship rel on rel.child_id = r.id and rel.relation_type = 'PLAYLIST_VIDEOS'
        join ${s}.learning_resource p on p.id = rel.parent_id
        where r.platform_id = 'ovs' and r.readable_id = '${e.readable_id}' and r.resource_type = 'video'`);
      expect({
        title: row.title,
        description: row.description,
        url: row.url,
        published: row.published,
        availability: row.availability,
        last_modified: iso(row.last_modified)?.slice(0, 19),
        image_url: row.image_url ?? null,
        duration: row.duration,
        streaming_url: row.streaming_url,
        caption_urls: JSON.parse(String(row.caption_urls)) as unknown,
        cover_image_url: row.cover_image_url,
        playlist: [row.playlist_id, row.playlist_title, row.playlist_url],
      }).toEqual({
        title: e.title,
        description: e.description,
        url: e.url,
        published: e.published,
        availability: e.availability,
        last_modified: e.last_modified.slice(0, 19),
        image_url: e.image_url ?? null,
        duration: e.video.duration,
        streaming_url: e.video.streaming_url,
        caption_urls: e.video.caption_urls,
        cover_image_url: e.video.cover_image_url,
        playlist: [e.playlist_id, e.playlist_title, e.playlist_url],
      });
    }
  });

  test('every catalog source reaches the marts and its integration view', async () => {
    const s = b().schema;
    const counts = await b().query(`
      select etl_source, resource_type, count(*) as n from ${s}.learning_resource
      where etl_source in ('mitxonline', 'xpro', 'mit_edx', 'mitpe', 'see', 'mit_climate', 'ovs', 'oll', 'ocw')
      group by etl_source, resource_type order by etl_source, resource_type`);
    expect(counts.map((r) => `${String(r.etl_source)}/${String(r.resource_type)}`)).toEqual([
      'mit_climate/document',
      'mit_edx/course',
      'mit_edx/program',
      'mitpe/course',
      'mitpe/program',
      'mitxonline/course',
      'mitxonline/program',
      'ocw/course',
      'oll/course',
      'ovs/video',
      'ovs/video_playlist',
      'see/course',
      'xpro/course',
      'xpro/program',
    ]);
    const view = await b().query(
      `select readable_id, runs, instructors, topics from ${s}.integrations__learn__mitxonline_courses
       where readable_id = 'course-v1:MITxT+18.03.1x'`,
    );
    expect(view).toEqual([
      {
        readable_id: 'course-v1:MITxT+18.03.1x',
        runs: 'course-v1:MITxT+18.03.1x+2T2023; course-v1:MITxT+18.03.1x+2T2024',
        instructors: 'David Jerison; Gigliola Staffilani; Jennifer French',
        topics: 'Mathematics; Science & Math',
      },
    ]);
  });

  test('business rules: blocklisted and run-less resources unpublished, next start date, program positions', async () => {
    const s = b().schema;
    expect(
      await b().query(
        `select published from ${s}.learning_resource where readable_id = 'a056g00000URaN6AAL'`,
      ),
    ).toEqual([{ published: false }]);
    const [next] = await b().query(
      `select next_start_date from ${s}.learning_resource where readable_id = 'course-v1:MITxT+18.03.1x'`,
    );
    // now = 2023-01-01: the next published run is 2T2024, whose enrollment opens 2024-08-15
    expect(iso(next.next_start_date)).toBe('2024-09-04T15:00:00Z');
    const children = await b().query(`
      select c.readable_id, rel.position from ${s}.learning_resource_relationship rel
      join ${s}.learning_resource p on p.id = rel.parent_id
      join ${s}.learning_resource c on c.id = rel.child_id
      where p.readable_id = 'program-v1:MITxT+18.03x' order by rel.position`);
    expect(children.map((r) => [r.readable_id, Number(r.position)])).toEqual([
      ['course-v1:MITxT+18.03.1x', 0],
      ['course-v1:MITxT+18.03.2x', 1],
      ['course-v1:MITxT+18.03.3x', 2],
    ]);
  });
});

test('ids are derived from natural keys: the same on DuckDB and PostgreSQL', async () => {
  const ids = async (e: Engine) => {
    const b = builds.get(e) as LearnBuild;
    return b.query(
      `select platform_id, readable_id, resource_type, id from ${b.schema}.learning_resource
       order by platform_id, readable_id, resource_type`,
    );
  };
  const [duck, pg] = await Promise.all([ids('duckdb'), ids('postgres')]);
  expect(duck.length).toBeGreaterThan(100);
  expect(pg.map((r) => ({ ...r, id: Number(r.id) }))).toEqual(duck.map((r) => ({ ...r, id: Number(r.id) })));
  for (const r of duck) expect(Number.isSafeInteger(Number(r.id))).toBe(true);
});

test('a second build over the same landing is green and keeps every id (incremental OCW staging included)', async () => {
  const b = builds.get('postgres') as LearnBuild;
  const ids = () =>
    b
      .query(`select id, readable_id from ${b.schema}.learning_resource order by id`)
      .then((rows) => rows.map((r) => [Number(r.id), r.readable_id]));
  const before = await ids();
  const again = await b.transform(['build']);
  const output = again.stdout + again.stderr;
  expect([again.code, output.slice(-2000)]).toEqual([0, expect.stringMatching(/ERROR=0 /)]);
  expect(output).toMatch(/incremental model public_staging\.stg_ocw__courses/);
  expect(await ids()).toEqual(before);
});

test('transform test exits non-zero and prints the failing rows when a rule is broken', async () => {
  const b = builds.get('postgres') as LearnBuild;
  await b.query(
    `update ${b.schema}.learning_resource set published = true where readable_id = 'a056g00000URaN6AAL'`,
  );
  const r = await b.transform(['test', '--select', 'blocklisted_resources_unpublished']);
  expect(r.code).toBe(1);
  expect(r.stdout + r.stderr).toContain('a056g00000URaN6AAL');
});
