/**
 * Lands the recorded fixtures of the four media connectors (podcasts, YouTube, news and events, course
 * content) into a lakehouse through `learnflow sync`, each source against its own replay server.
 */
import { startReplayServer, type ReplayServer } from '../../../connectors/cdk/testing/replay-server';
import {
  ARCHIVES_BUCKET,
  ARCHIVES_PREFIX,
  OCW_BUCKET,
  courseContentReplayRoutes,
} from '../../../connectors/source-course-content/src/replay-routes';
import {
  MEDIUM_PATH,
  newsEventsReplayRoutes,
} from '../../../connectors/source-news-events/src/replay-routes';
import { CONTENTS_PATH, podcastsReplayRoutes } from '../../../connectors/source-podcasts/src/replay-routes';
import { API_PATH, youtubeReplayRoutes } from '../../../connectors/source-youtube/src/replay-routes';
import type { Target } from '../../sync/support/lakehouse-targets';
import { learnflow, writeConfig, type CliRun } from '../../sync/support/sync-project';

export const MEDIA_CONNECTIONS = ['podcasts', 'youtube', 'news_events', 'course_content'] as const;

const S3_KEY_ID = 'AKIALEARNMEDIATEST';
const S3_SECRET = 'learn-media-s3-secret';
const YOUTUBE_KEY = 'AIza-learn-media-key';

const dedup = (names: string[]) =>
  names.map((name) => ({ name, sync_mode: 'incremental', destination_sync_mode: 'append_dedup' }));
const overwrite = (names: string[]) =>
  names.map((name) => ({ name, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }));

export interface MediaServers {
  podcasts: ReplayServer;
  youtube: ReplayServer;
  newsEvents: ReplayServer;
  content: ReplayServer;
  close(): Promise<void>;
}

export async function startMediaServers(): Promise<MediaServers> {
  const podcasts = await startReplayServer(podcastsReplayRoutes());
  const youtube = await startReplayServer(youtubeReplayRoutes());
  const newsEvents = await startReplayServer(newsEventsReplayRoutes());
  const content = await startReplayServer(courseContentReplayRoutes(S3_KEY_ID));
  return {
    podcasts,
    youtube,
    newsEvents,
    content,
    close: async () => {
      for (const s of [podcasts, youtube, newsEvents, content]) await s.close();
    },
  };
}

/** Writes learnflow.yml with one connection per media source; the connection name is the raw table's <source>. */
export function writeMediaConfig(t: Target, servers: MediaServers): void {
  writeConfig(t, {
    podcasts: {
      source: {
        connector: 'source-podcasts',
        config: { podcast_configs_url: `${servers.podcasts.url}${CONTENTS_PATH}`, retry_backoff_seconds: 0 },
      },
      streams: [...overwrite(['podcasts']), ...dedup(['episodes'])],
      destination: { connector: 'destination-lakehouse', config: {} },
    },
    youtube: {
      source: {
        connector: 'source-youtube',
        config: {
          api_key: '${LEARN_MEDIA_YOUTUBE_KEY}',
          base_url: `${servers.youtube.url}${API_PATH}`,
          channels_config_url: `${servers.youtube.url}/channels.yaml`,
          retry_backoff_seconds: 0,
        },
      },
      streams: [...overwrite(['channels', 'playlists', 'playlist_items']), ...dedup(['videos'])],
      destination: { connector: 'destination-lakehouse', config: {} },
    },
    news_events: {
      source: {
        connector: 'source-news-events',
        config: {
          medium_feed_url: `${servers.newsEvents.url}${MEDIUM_PATH}`,
          mitpe_base_url: servers.newsEvents.url,
          ol_events_base_url: servers.newsEvents.url,
          sloan_base_url: servers.newsEvents.url,
          retry_backoff_seconds: 0,
        },
      },
      destination: { connector: 'destination-lakehouse', config: {} },
    },
    course_content: {
      source: {
        connector: 'source-course-content',
        config: {
          s3_endpoint_url: servers.content.url,
          aws_access_key_id: S3_KEY_ID,
          aws_secret_access_key: '${LEARN_MEDIA_S3_SECRET}',
          archives_bucket: ARCHIVES_BUCKET,
          archives_prefix: ARCHIVES_PREFIX,
          ocw_bucket: OCW_BUCKET,
          retry_backoff_seconds: 0,
        },
      },
      streams: dedup(['course_archive_files', 'ocw_content_files']),
      destination: { connector: 'destination-lakehouse', config: {} },
    },
  });
}

export const MEDIA_ENV = { LEARN_MEDIA_YOUTUBE_KEY: YOUTUBE_KEY, LEARN_MEDIA_S3_SECRET: S3_SECRET };

/** Runs `learnflow sync` for every media connection, one after the other (a DuckDB file has one writer). */
export async function syncMedia(t: Target): Promise<Record<string, CliRun>> {
  const runs: Record<string, CliRun> = {};
  for (const c of MEDIA_CONNECTIONS) runs[c] = await learnflow(t, ['sync', c], MEDIA_ENV);
  return runs;
}
