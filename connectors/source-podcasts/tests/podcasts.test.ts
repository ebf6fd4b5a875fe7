import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayServer } from '../../cdk/testing/replay-server';
import { CONTENTS_PATH, FIXTURES_DIR, podcastsReplayRoutes } from '../src/replay-routes';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const catalog = {
  streams: ['podcasts', 'episodes'].map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
    sync_mode: 'full_refresh',
    destination_sync_mode: 'overwrite',
  })),
};

describe('source-podcasts', () => {
  let server: ReplayServer;
  let dir: string;
  beforeAll(async () => {
    server = await startReplayServer(podcastsReplayRoutes());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podcasts-'));
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function read(config: Record<string, unknown>) {
    const r = await runConnector(entry, [
      'read',
      '--config',
      writeJson(dir, 'config.json', { retry_backoff_seconds: 0, ...config }),
      '--catalog',
      writeJson(dir, 'catalog.json', catalog),
    ]);
    const records = ofType(r.messages, 'RECORD').map((m) => m.record);
    return {
      r,
      podcasts: records.filter((x) => x.stream === 'podcasts'),
      episodes: records.filter((x) => x.stream === 'episodes'),
    };
  }

  test('configs from the contents API, feeds with iTunes tags; bad items and configs are skipped with reasons', async () => {
    server.requests.length = 0;
    const token = 'ghp-only-for-github-1234';
    const { r, podcasts, episodes } = await read({
      podcast_configs_url: `${server.url}${CONTENTS_PATH}`,
      github_token: token,
    });
    expect(r.code).toBe(0);
    expect(podcasts.map((p) => p.data.rss_url)).toEqual([
      `${server.url}/feeds/a-podcast.rss`,
      `${server.url}/feeds/broken-items.rss`,
    ]);
    const a = podcasts[0].data as any;
    expect(a.config.podcast_title).toBe('A Podcast');
    expect(a.config.offered_by).toBe('MIT OpenCourseWare');
    expect(a.channel['itunes:image']).toEqual({ '@_href': 'apicture.jpg' });
    expect(a.channel['itunes:owner']).toEqual({
      'itunes:name': 'A Podcast',
      'itunes:email': 'someemail@mit.edu',
    });
    expect(a.channel.item).toBeUndefined();

    const ids = episodes.map((e) => e.data.episode_id);
    expect(ids).toEqual([
      'tag:soundcloud,2010:tracks/numbers1',
      'tag:soundcloud,2010:tracks/numbers2',
      'synthetic-episode-1',
      'synthetic-episode-4',
    ]);
    const ep2 = episodes[1].data as any;
    expect(ep2.published_at).toBe('2020-04-01T18:20:31.000Z');
    expect(ep2.item['itunes:duration']).toBe('00:17:16');
    expect(ep2.item['itunes:image']).toEqual({ '@_href': 'image1.jpg' });
    expect(ep2.item.enclosure['@_url']).toBe('http://feeds.soundcloud.com/stream/episode2.mp3');
    expect(ep2.rss).toMatch(/^<item>[\s\S]*<\/item>$/);
    expect((episodes[2].data as any).item.description).toBe('The first & good episode.');

    // the malformed item, the item with no id and the config without rss_url: logged with reasons
    expect(r.stderr).toMatch(/broken-items\.rss: item 2: the item is not well-formed XML/);
    expect(r.stderr).toMatch(/broken-items\.rss: item 3: no guid, link or enclosure/);
    expect(r.stderr).toMatch(/config podcasts\/missing-rss-url\.yaml: no rss_url/);
    expect(r.stderr).toMatch(/2 podcast\(s\) loaded from 3 config\(s\); 2 skip\(s\)/);

    // the token goes to the configs host routes only, never to the feeds; it is never logged
    const withAuth = server.requests
      .filter((q) => q.headers.authorization === `Bearer ${token}`)
      .map((q) => q.path);
    expect(withAuth.length).toBe(4);
    expect(withAuth.every((p) => !p.startsWith('/feeds/'))).toBe(true);
    expect(
      server.requests.filter((q) => q.path.startsWith('/feeds/')).every((q) => !q.headers.authorization),
    ).toBe(true);
    expect(server.requests.find((q) => q.path.startsWith('/feeds/'))?.headers['user-agent']).toMatch(
      /Mozilla/,
    );
    expect(r.stderr.includes(token) || r.stdout.includes(token)).toBe(false);
  });

  test('configs from a local folder', async () => {
    const local = path.join(dir, 'configs');
    fs.mkdirSync(local, { recursive: true });
    for (const name of fs.readdirSync(path.join(FIXTURES_DIR, 'podcasts'))) {
      const text = fs.readFileSync(path.join(FIXTURES_DIR, 'podcasts', name), 'utf8');
      fs.writeFileSync(path.join(local, name), text.split('{{baseUrl}}').join(server.url));
    }
    fs.writeFileSync(path.join(local, 'README.md'), 'not a config');
    const { r, podcasts, episodes } = await read({ podcast_configs_path: local });
    expect(r.code).toBe(0);
    expect(podcasts.map((p) => p.data.config_path)).toEqual(['a-podcast.yaml', 'broken-feed-podcast.yml']);
    expect(episodes).toHaveLength(4);
  });

  test('a feed that is gone is skipped; the others load', async () => {
    const local = path.join(dir, 'gone');
    fs.mkdirSync(local, { recursive: true });
    fs.writeFileSync(path.join(local, 'gone.yaml'), `rss_url: "${server.url}/feeds/gone.rss"\n`);
    fs.writeFileSync(path.join(local, 'ok.yaml'), `rss_url: "${server.url}/feeds/a-podcast.rss"\n`);
    const { r, podcasts, episodes } = await read({ podcast_configs_path: local });
    expect(r.code).toBe(0);
    expect(podcasts).toHaveLength(1);
    expect(episodes).toHaveLength(2);
    expect(r.stderr).toMatch(/feed .*\/feeds\/gone\.rss \(gone\.yaml\): not found/);
  });
});
