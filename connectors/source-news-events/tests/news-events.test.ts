import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';
import { auraIds, cookieHeader } from '../src/aura-client';
import { AURA_IDS, FIXTURES_DIR, MEDIUM_PATH, newsEventsReplayRoutes } from '../src/replay-routes';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-events-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(server: ReplayServer, streams: string[], config: Record<string, unknown> = {}) {
  const cat = {
    streams: streams.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
      sync_mode: 'full_refresh',
      destination_sync_mode: 'overwrite',
    })),
  };
  const r = await runConnector(entry, [
    'read',
    '--config',
    writeJson(dir, 'config.json', {
      medium_feed_url: `${server.url}${MEDIUM_PATH}`,
      mitpe_base_url: server.url,
      ol_events_base_url: server.url,
      sloan_base_url: server.url,
      retry_backoff_seconds: 0,
      ...config,
    }),
    '--catalog',
    writeJson(dir, 'catalog.json', cat),
  ]);
  return { r, records: ofType(r.messages, 'RECORD').map((m) => m.record.data as Record<string, any>) };
}

async function withServer<T>(routes: ReplayRoute[], f: (s: ReplayServer) => Promise<T>): Promise<T> {
  const server = await startReplayServer(routes);
  try {
    return await f(server);
  } finally {
    await server.close();
  }
}

test('OL events: both JSON:API pages, relationships resolved, each related id fetched once', () =>
  withServer(newsEventsReplayRoutes(), async (server) => {
    const { r, records } = await read(server, ['ol_events']);
    expect(r.code).toBe(0);
    expect(records.map((e) => e.attributes.title)).toEqual([
      'Inside the MITx MicroMasters® Program in Data, Economics, and Design of Policy (DEDP)',
      'Synthetic Event Two: Same Audience, Same Place',
      'Synthetic Event Three: No Image',
    ]);
    const first = records[0];
    expect(first.related.field_event_audience.map((t: any) => t.attributes.name)).toEqual([
      'Faculty',
      'MIT Community',
      'Public',
      'Students',
    ]);
    expect(first.related.field_location_tag.map((t: any) => t.attributes.name)).toEqual(['Online']);
    expect(first.related.field_event_category.map((t: any) => t.attributes.name)).toEqual(['Webinar']);
    const media = first.related.field_event_image[0];
    expect(media.type).toBe('media--event_image');
    expect(media.related.field_media_image[0].attributes.uri.url).toMatch(/^\/sites\/default\/files\//);
    expect(records[2].related.field_event_image).toEqual([]);
    expect(first.relationships.field_event_audience.data).toHaveLength(4); // the upstream resource is kept as is

    const related = server.requests.filter(
      (q) => q.path.startsWith('/jsonapi/') && q.path !== '/jsonapi/node/event',
    );
    const paths = related.map((q) => q.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toHaveLength(4 + 1 + 1 + 1 + 1);
    expect(
      server.requests
        .filter((q) => q.path === '/jsonapi/node/event')
        .map((q) => q.query['page[offset]'] ?? null),
    ).toEqual([null, '50']);
    expect(r.stderr).toMatch(/ol_events: 3 event\(s\), 8 distinct related resource\(s\) fetched/);
  }));

test('OL events: the first page only when next links are not followed', () =>
  withServer(newsEventsReplayRoutes(), async (server) => {
    const { r, records } = await read(server, ['ol_events'], { ol_events_follow_next: false });
    expect(r.code).toBe(0);
    expect(records).toHaveLength(1);
  }));

test('MIT PE feeds are paged until an empty page', () =>
  withServer(newsEventsReplayRoutes(), async (server) => {
    const { r, records } = await read(server, ['mitpe_news', 'mitpe_events']);
    expect(r.code).toBe(0);
    expect(records.filter((x) => 'date' in x)).toHaveLength(4);
    expect(records.filter((x) => 'time_range' in x)).toHaveLength(6);
    for (const p of ['/feeds/news/', '/feeds/events/']) {
      expect(server.requests.filter((q) => q.path === p).map((q) => q.query.page)).toEqual(['0', '1']);
    }
    expect(records[0].title).toBe("Powering Product Innovation: Q&amp;A with MIT's Erdin Beshimov");
  }));

test('MIT PE: a feed that never ends stops at the page limit with a clear error', () =>
  withServer([{ path: '/feeds/news/', body: [{ id: 'x', title: 'again' }] }], async (server) => {
    const { r } = await read(server, ['mitpe_news'], { mitpe_max_pages: 3 });
    expect(r.code).toBe(1);
    expect(ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR')?.trace.error?.message).toMatch(
      /after 3 pages; raise mitpe_max_pages/,
    );
  }));

test('Medium: posts as parsed; a malformed item and one without an id are skipped with reasons', async () => {
  await withServer(newsEventsReplayRoutes(), async (server) => {
    const { r, records } = await read(server, ['medium_news']);
    expect(r.code).toBe(0);
    expect(records.map((x) => x.guid)).toEqual([
      'https://medium.com/p/a685e2b89c6a',
      'https://medium.com/p/b9508faf3144',
      expect.any(String),
    ]);
    expect(records[0].published_at).toBe('2024-03-15T13:42:36.000Z');
    expect(records[0].item.category).toContain('ol-news');
    expect(records[0].item['dc:creator']).toBe('MIT Open Learning');
    expect(records[0].item['content:encoded']).toMatch(/^<h4>Celebrating/);
  });
  await withServer(
    [{ path: MEDIUM_PATH, file: path.join(FIXTURES_DIR, 'medium_broken_item_synthetic.rss') }],
    async (server) => {
      const { r, records } = await read(server, ['medium_news']);
      expect(r.code).toBe(0);
      expect(records.map((x) => x.guid)).toEqual([
        'https://medium.com/p/good000001',
        'https://medium.com/p/good000004',
      ]);
      expect(r.stderr).toMatch(/medium_news: item 2 skipped: the item is not well-formed XML/);
      expect(r.stderr).toMatch(/medium_news: item 3 skipped: no guid or link/);
      expect(r.stderr).toMatch(/medium_news: 2 item\(s\) skipped, 2 loaded/);
    },
  );
});

test('Sloan: the page gives fwuid and app id, the action is POSTed form-encoded with the session cookie', () =>
  withServer(newsEventsReplayRoutes(), async (server) => {
    const { r, records } = await read(server, ['sloan_exec_news', 'sloan_webinars']);
    expect(r.code).toBe(0);
    const news = records.filter((x) => x.type === 'Blog_Post');
    expect(news).toHaveLength(20);
    expect(news[0]).toMatchObject({
      managedContentId: '20YU1000004rCaMMAU',
      publishedDate: '2024-03-25T16:29:25.000Z',
    });
    expect(records.filter((x) => x.type !== 'Blog_Post').map((x) => x.contentKey)).toEqual([
      'MC23XAW2E77RAXJJI5OB3PGSETCI',
      'MCSYNTHETICWEBINARPOST0000001',
    ]);
    const posts = server.requests.filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(2);
    const form = new URLSearchParams(posts[0].body);
    expect(JSON.parse(form.get('aura.context')!)).toMatchObject({
      fwuid: AURA_IDS.fwuid,
      app: 'siteforce:communityApp',
    });
    expect(JSON.parse(form.get('message')!).actions[0]).toMatchObject({
      descriptor: 'apex://CMSContentController/ACTION$fetchTopicPage',
      params: { contentType: 'Blog_Post', pageSize: 20, pageNumber: 0 },
    });
    expect(form.get('aura.pageURI')).toBe('/s/blog');
    expect(posts[0].headers.cookie).toBe('sid=synthetic-session');
  }));

test('Sloan: a page without Aura ids fails the stream with a system error naming the cause', () =>
  withServer(
    [
      {
        path: '/s/blog',
        body: '<html><body>maintenance</body></html>',
        headers: { 'content-type': 'text/html' },
      },
    ],
    async (server) => {
      const { r } = await read(server, ['sloan_exec_news']);
      expect(r.code).toBe(1);
      const err = ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR')!.trace.error!;
      expect(err.failure_type).toBe('system_error');
      expect(err.message).toMatch(/no Aura framework id and app id/);
    },
  ));

test('Aura ids from URL-encoded or plain JSON; Set-Cookie to Cookie', () => {
  expect(auraIds('x "fwuid":"abc","loaded":{"APPLICATION@markup://siteforce:communityApp":"app1"}')).toEqual({
    fwuid: 'abc',
    appId: 'app1',
  });
  expect(auraIds(fs.readFileSync(path.join(FIXTURES_DIR, 'sloan_blog_page_synthetic.html'), 'utf8'))).toEqual(
    AURA_IDS,
  );
  expect(auraIds('<html></html>')).toBeUndefined();
  expect(cookieHeader('a=1; Path=/; HttpOnly, b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT')).toBe('a=1; b=2');
});
