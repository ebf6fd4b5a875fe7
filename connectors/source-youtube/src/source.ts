import type { AirbyteConnectionStatus, ConnectorLogger, Source, Stream } from '../../cdk';
import { createYoutubeClient } from './client';
import { spec, type YoutubeConfig } from './spec';
import { Channels } from './streams/channels';
import { PlaylistItems } from './streams/playlist-items';
import { Playlists } from './streams/playlists';
import { Videos } from './streams/videos';
import { YoutubeCatalog } from './youtube-catalog';

/** YouTube: the channels of a channels config, their playlists, playlist items and videos (Data API v3). */
export class YoutubeSource implements Source<YoutubeConfig> {
  readonly name = 'source-youtube';
  readonly version = '0.1.0';

  spec() {
    return spec;
  }

  async check(config: YoutubeConfig, logger: ConnectorLogger): Promise<AirbyteConnectionStatus> {
    const quick = { ...config, max_retries: Math.min(config.max_retries ?? 5, 2) };
    const catalog = new YoutubeCatalog(createYoutubeClient(quick, logger, this.version), quick, logger);
    const channels = await catalog.channelsConfig();
    if (!channels.length) return { status: 'FAILED', message: 'the channels config lists no channel' };
    await catalog.list(
      { url: 'channels', params: { part: 'snippet,contentDetails', id: channels[0].channel_id } },
      () => undefined,
    );
    return { status: 'SUCCEEDED' };
  }

  streams(config: YoutubeConfig, logger: ConnectorLogger): Stream[] {
    const catalog = new YoutubeCatalog(createYoutubeClient(config, logger, this.version), config, logger);
    return [new Channels(catalog), new Playlists(catalog), new PlaylistItems(catalog), new Videos(catalog)];
  }
}
