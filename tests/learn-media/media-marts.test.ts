/**
 * The media, news and content part of transforms/learn, end to end: the recorded fixtures of source-podcasts,
 * source-youtube, source-news-events and source-course-content land through `learnflow sync` (each against its
 * replay server), `learnflow transform build` builds the staging, intermediate and mart models and runs their
 * tests, and selected rows are compared with the app's expected outputs (expected/, see its README).
 */
import path from 'node:path';
import { createTarget, type Engine, type Target } from '../sync/support/lakehouse-targets';
import { learnflow } from '../sync/support/sync-project';
import { startMediaServers, syncMedia, writeMediaConfig, type MediaServers } from './support/land';
import podcastExpected from './expected/podcast.json';
import mediumExpected from './expected/medium_mit_news.json';
import mitpeExpected from './expected/mitpe_news.json';
import olEventsExpected from './expected/ol_events.json';

const PROJECT = path.resolve(__dirname, '..', '..', 'transforms', 'learn');
const NOW = '2026-11-24T00:00:00Z';
const SELECT = [
  'offerors',
  ...['podcasts', 'youtube', 'news_events', 'course_content'].flatMap((s) => [
    `path:models/staging/${s}`,
    `path:models/intermediate/${s}`,
  ]),
  'path:models/marts/media',
  'path:models/marts/news_events',
  'path:models/marts/content',
  'path:tests/media',
];

/** The profile's environment for a target: the DuckDB file, or the PostgreSQL database's PG* variables. */
function profileEnv(t: Target): Record<string, string> {
  if (t.settings.engine === 'duckdb') return { LEARNFLOW_DUCKDB_PATH: t.settings.path ?? '' };
  const url = new URL(t.settings.url);
  return {
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: url.pathname.slice(1),
  };
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
const list = (v: unknown): unknown[] =>
  typeof v === 'string' ? (JSON.parse(v) as unknown[]) : (v as unknown[]);

describe.each<Engine>(['duckdb', 'postgres'])('media marts on %s', (engine) => {
  let t: Target;
  let servers: MediaServers;
  let buildArgs: string[] = [];
  let build: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    t = await createTarget(engine);
    servers = await startMediaServers();
    writeMediaConfig(t, servers);
    const runs = await syncMedia(t);
    for (const [name, r] of Object.entries(runs))
      expect([name, r.code, r.stderr.slice(-500)]).toEqual([name, 0, expect.any(String)]);
    buildArgs = [
      'transform',
      'build',
      '--project-dir',
      PROJECT,
      '--target',
      engine,
      '--vars',
      `{learn_now: '${NOW}', learn_engine: ${engine}}`,
      '--select',
      ...SELECT,
    ];
    build = await learnflow(t, buildArgs, profileEnv(t));
  });
  afterAll(async () => {
    await servers?.close();
    await t?.cleanup();
  });

  const base = engine === 'duckdb' ? 'main' : 'public';
  const q = (sql: string) =>
    t.query(sql.replace(/\bmain_intermediate\./g, `${base}_intermediate.`).replace(/\bmain\./g, `${base}.`));

  test('the build, its data tests and the singular rule tests pass', () => {
    const failures = (build.stdout + build.stderr)
      .split('\n')
      .filter((l) => /\bERROR\b(?!=)|\bFAIL\b(?!=)|Error in|contract|column '/.test(l));
    expect([build.code, failures.slice(0, 20)]).toEqual([0, []]);
    expect(build.stdout + build.stderr).toMatch(/PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
  });

  test('podcast and episodes: readable ids, titles, urls, images and episode detail as the app makes them', async () => {
    const [pod] = podcastExpected.expected;
    const resources = await q(
      `select readable_id, resource_type, title, description, url, image_url, last_modified
       from main_intermediate.int__podcasts__learning_resources order by resource_type, readable_id`,
    );
    const podcast = resources.find((r) => r.resource_type === 'podcast' && r.title === pod.title);
    expect(podcast).toMatchObject({
      readable_id: expect.stringMatching(/^127\.0\.0\.1:\d+\/feeds\/a-podcast\.rss$/),
      description: pod.description,
      image_url: pod.image.url,
    });
    for (const ep of pod.episodes) {
      const row = resources.find((r) => r.readable_id === ep.readable_id);
      expect(row).toMatchObject({
        resource_type: 'podcast_episode',
        title: ep.title,
        url: ep.url,
        image_url: ep.image.url,
      });
      expect(iso(row?.last_modified)).toBe(new Date(ep.last_modified).toISOString());
    }
    const details = await q(
      `select e.readable_id, d.audio_url, d.episode_link, d.duration
       from main.podcast_episode d join main_intermediate.int__podcasts__episodes e
         on d.learning_resource_id = ${engine === 'duckdb' ? "cast(('0x' || substr(md5(concat_ws('||', e.platform, e.readable_id, e.resource_type)), 1, 13)) as bigint)" : "(('x' || lpad(substr(md5(concat_ws('||', e.platform, e.readable_id, e.resource_type)), 1, 13), 16, '0'))::bit(64)::bigint)"}
       order by e.readable_id`,
    );
    for (const ep of pod.episodes) {
      expect(details).toContainEqual({ readable_id: ep.readable_id, ...ep.podcast_episode });
    }
    // the synthetic feed: its malformed and id-less items were skipped by the connector, the good ones kept
    expect(resources.filter((r) => r.resource_type === 'podcast_episode').map((r) => r.readable_id)).toEqual([
      'synthetic-episode-1',
      'synthetic-episode-4',
      'tag:soundcloud,2010:tracks/numbers1',
      'tag:soundcloud,2010:tracks/numbers2',
    ]);
    const [{ n }] = await q('select count(*) as n from main.podcast');
    expect(Number(n)).toBe(2);
  });

  test('YouTube: channels, the playlist, its videos in PLAYLIST_VIDEOS order', async () => {
    expect(
      await q('select channel_id, title, published, etl_source from main.video_channel order by channel_id'),
    ).toEqual([
      { channel_id: 'UCBpxspUNl1Th33XbugiHJzw', title: 'MITCSAIL', published: true, etl_source: 'youtube' },
      {
        channel_id: 'UCEBb1b_L6zDS3xTUrIALZOw',
        title: 'MIT OpenCourseWare',
        published: true,
        etl_source: 'youtube',
      },
      {
        channel_id: 'UCTBMWu8yshnAmpzR3MoJFtw',
        title: 'MITx Videos',
        published: true,
        etl_source: 'youtube',
      },
    ]);
    const rel = await q(
      `select parent_readable_id, child_readable_id, position
       from main_intermediate.int__youtube__learning_resource_relationships order by position`,
    );
    expect(rel.map((r) => r.child_readable_id)).toHaveLength(5);
    expect(new Set(rel.map((r) => r.parent_readable_id))).toEqual(
      new Set(['PLTz-v-F773kXwTSKsX_E9t8ZnP_3LYaGy']),
    );
    const video = await q(
      `select title, url, offered_by, duration from main_intermediate.int__youtube__videos where readable_id = 'kWPClqksISc'`,
    );
    expect(video).toEqual([
      {
        title: 'Ensuring Descriptive Validity',
        url: 'https://www.youtube.com/watch?v=kWPClqksISc',
        offered_by: 'mitx',
        duration: 'PT4M38S',
      },
    ]);
  });

  test('news: Medium and MIT PE items with their guid, title, url, image, authors, topics and publish date', async () => {
    const rows = await q(
      `select i.guid, i.title, i.url, m.url as image_url, n.authors, n.topics, n.publish_date
       from main.feed_item i join main.feed_news_detail n on n.feed_item_id = i.id
       left join main.feed_image m on m.id = i.image_id`,
    );
    const byGuid = new Map(rows.map((r) => [r.guid as string, r]));
    for (const e of [...mediumExpected.expected, ...mitpeExpected.expected]) {
      const row = byGuid.get(e.guid);
      expect(row).toBeDefined();
      expect({
        title: row?.title,
        url: row?.url,
        authors: list(row?.authors),
        publish_date: iso(row?.publish_date),
      }).toEqual({
        title: e.title,
        url: e.url,
        authors: e.authors,
        publish_date: new Date(e.publish_date).toISOString(),
      });
      expect(row?.image_url ?? null).toBe(e.image_url ?? null);
      if ('topics' in e) expect(list(row?.topics)).toEqual(e.topics);
    }
  });

  test('Sloan: blog posts with the app url shape and one author; webinars before now dropped', async () => {
    const rows = await q(
      `select i.guid, i.url, n.authors from main.feed_item i join main.feed_news_detail n on n.feed_item_id = i.id
       where i.url like 'https://exec.mit.edu/s/blog-post/%'`,
    );
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.guid === '20Y4v000000KzaKEAS')).toMatchObject({
      url: expect.stringMatching(/^https:\/\/exec\.mit\.edu\/s\/blog-post\/[a-z0-9-]+-20Y4v000000KzaKEAS$/),
    });
    expect(list(rows.find((r) => r.guid === '20Y4v000000KzaKEAS')?.authors)).toEqual(['Davide Sartini']);
    // the recent webinar (March 2024) is past; "January - December 2024" never parses
    const [{ n }] = await q(
      "select count(*) as n from main.feed_item where url like 'https://exec.mit.edu/s/webinar-post/%'",
    );
    expect(Number(n)).toBe(0);
  });

  test('events: OL events with their terms and Eastern-time start; past MIT PE events dropped', async () => {
    const rows = await q(
      `select i.guid, i.title, i.url, d.location, d.audience, d.event_type, d.event_datetime,
         m.url as image_url, m.alt as image_alt, m.description as image_description
       from main.feed_item i join main.feed_event_detail d on d.feed_item_id = i.id
       left join main.feed_image m on m.id = i.image_id`,
    );
    for (const e of olEventsExpected.expected) {
      const row = rows.find((r) => r.guid === e.guid);
      expect(row).toBeDefined();
      expect({
        title: row?.title,
        url: row?.url,
        location: list(row?.location),
        audience: list(row?.audience),
        event_type: list(row?.event_type),
        event_datetime: iso(row?.event_datetime),
        image: { url: row?.image_url, alt: row?.image_alt, description: row?.image_description },
      }).toEqual({
        image: e.image,
        title: e.title,
        url: e.url,
        location: e.location,
        audience: e.audience,
        event_type: e.event_type,
        event_datetime: new Date(e.event_datetime).toISOString(),
      });
    }
    // every MIT PE event in the fixture ended before 2026
    expect(rows.filter((r) => String(r.url).startsWith('https://professional.mit.edu/'))).toEqual([]);
  });

  test('content files: one row per landed file, the corrupt archive absent, all published', async () => {
    const [{ n }] = await q('select count(*) as n from main.content_file');
    expect(Number(n)).toBe(34);
    const [resource] = await q(
      "select title, content, published from main.content_file where key like '%/resources/resource'",
    );
    expect(resource).toEqual({
      title: 'Resource Title',
      content: 'Problem Set 1\nCompute the lift on a flat plate.',
      published: true,
    });
  });

  test('a second build merges no content file twice and rebuilds the marts the same', async () => {
    const before = await q('select id, key, published from main.content_file order by id');
    const again = await learnflow(t, buildArgs, profileEnv(t));
    const againFailures = (again.stdout + again.stderr)
      .split('\n')
      .filter((l) => /^ {4}[A-Za-z]|\bERROR\b(?!=)/.test(l));
    expect([again.code, againFailures.slice(0, 12)]).toEqual([0, []]);
    expect(await q('select id, key, published from main.content_file order by id')).toEqual(before);
    const [{ n }] = await q('select count(*) as n from main_intermediate.int__course_content__content_files');
    expect(Number(n)).toBe(before.length);
  });
});
