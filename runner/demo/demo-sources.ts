/**
 * The connections of the offline demo: every catalog, media and content connector, each served by a
 * replay server of the upstream responses recorded in its `fixtures/` (see its `src/replay-routes.ts`).
 */
import type { ReplayRoute } from '../../connectors/cdk/testing/replay-server';

export interface DemoSource {
  /** The connection name in the demo's learnflow.yml (also the <source> in table names). */
  connection: string;
  connector: string;
  routes: () => ReplayRoute[];
  /** The source's config against a replay server at `baseUrl`. */
  config: (baseUrl: string) => Record<string, unknown>;
}

const load = <T>(connector: string): T => require(`../../connectors/${connector}/src/replay-routes`) as T;

type Routes = Record<string, unknown>;
const fn = (m: Routes, name: string) => m[name] as (...a: unknown[]) => unknown;

/** Loaded lazily: the fixtures are read only when the demo runs. */
export function demoSources(): DemoSource[] {
  const simple = (connection: string, routesFn: string, configFn: string): DemoSource => {
    const connector = `source-${connection.replace(/_/g, '-')}`;
    return {
      connection,
      connector,
      routes: () => fn(load<Routes>(connector), routesFn)() as ReplayRoute[],
      config: (baseUrl) => fn(load<Routes>(connector), configFn)(baseUrl) as Record<string, unknown>,
    };
  };
  return [
    {
      connection: 'mitxonline',
      connector: 'source-mitxonline',
      routes: () => fn(load<Routes>('source-mitxonline'), 'mitxonlineReplayRoutes')() as ReplayRoute[],
      config: (baseUrl) => ({ base_url: baseUrl, retry_backoff_seconds: 0 }),
    },
    simple('xpro', 'xproReplayRoutes', 'xproReplayConfig'),
    simple('edx', 'edxReplayRoutes', 'edxReplayConfig'),
    simple('mitpe', 'mitpeReplayRoutes', 'mitpeReplayConfig'),
    simple('sloan', 'sloanReplayRoutes', 'sloanReplayConfig'),
    simple('mit_climate', 'mitClimateReplayRoutes', 'mitClimateReplayConfig'),
    simple('ovs', 'ovsReplayRoutes', 'ovsReplayConfig'),
    simple('oll', 'ollReplayRoutes', 'ollReplayConfig'),
    simple('ocw', 'ocwReplayRoutes', 'ocwReplayConfig'),
    {
      connection: 'podcasts',
      connector: 'source-podcasts',
      routes: () => fn(load<Routes>('source-podcasts'), 'podcastsReplayRoutes')() as ReplayRoute[],
      config: (baseUrl) => ({
        podcast_configs_url: `${baseUrl}${String(load<Routes>('source-podcasts').CONTENTS_PATH)}`,
        retry_backoff_seconds: 0,
      }),
    },
    {
      connection: 'youtube',
      connector: 'source-youtube',
      routes: () => fn(load<Routes>('source-youtube'), 'youtubeReplayRoutes')() as ReplayRoute[],
      config: (baseUrl) => ({
        api_key: 'demo-youtube-key',
        base_url: `${baseUrl}${String(load<Routes>('source-youtube').API_PATH)}`,
        channels_config_url: `${baseUrl}/channels.yaml`,
        retry_backoff_seconds: 0,
      }),
    },
    {
      connection: 'news_events',
      connector: 'source-news-events',
      routes: () => fn(load<Routes>('source-news-events'), 'newsEventsReplayRoutes')() as ReplayRoute[],
      config: (baseUrl) => ({
        medium_feed_url: `${baseUrl}${String(load<Routes>('source-news-events').MEDIUM_PATH)}`,
        mitpe_base_url: baseUrl,
        ol_events_base_url: baseUrl,
        sloan_base_url: baseUrl,
        retry_backoff_seconds: 0,
      }),
    },
    {
      connection: 'course_content',
      connector: 'source-course-content',
      routes: () => {
        const m = load<Routes>('source-course-content');
        return fn(m, 'courseContentReplayRoutes')('DEMOCOURSECONTENTKEY') as ReplayRoute[];
      },
      config: (baseUrl) => {
        const m = load<Routes>('source-course-content');
        return {
          s3_endpoint_url: baseUrl,
          aws_access_key_id: 'DEMOCOURSECONTENTKEY',
          aws_secret_access_key: 'demo-course-content-secret',
          archives_bucket: m.ARCHIVES_BUCKET,
          archives_prefix: m.ARCHIVES_PREFIX,
          ocw_bucket: m.OCW_BUCKET,
          retry_backoff_seconds: 0,
        };
      },
    },
  ];
}
