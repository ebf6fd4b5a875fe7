import { CursorTokenPaginator, type ConnectorLogger, type HttpClient, type HttpRequest } from '../../cdk';
import { parseChannelsConfig, type ChannelConfig } from './channels-config';
import { readChannelsConfig } from './client';
import type { YoutubeConfig } from './spec';

export type YoutubeItem = Record<string, unknown> & { id?: unknown };
export type RateLimited = (quotaResetMs?: number) => void;

/** The settings a playlist inherits: the channel's, overridden by the playlist's own. */
export interface PlaylistSettings {
  channel_id: string;
  offered_by: string | null;
  create_videos: boolean;
}

/** YouTube's largest `maxResults`, and the most ids one `id=` list may hold. */
export const BATCH = 50;

export function batches<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What the four streams share, read once per run: the channels config, the playlists of each channel
 * and the items of each playlist (`videos` needs the items too).
 */
export class YoutubeCatalog {
  private config?: Promise<ChannelConfig[]>;
  private playlistList?: Promise<Array<{ item: YoutubeItem; settings: PlaylistSettings }>>;
  private readonly items = new Map<string, Promise<YoutubeItem[]>>();
  private readonly paginator = new CursorTokenPaginator({ tokenPath: ['nextPageToken'], param: 'pageToken' });

  constructor(
    private readonly client: HttpClient,
    private readonly settings: YoutubeConfig,
    private readonly logger: ConnectorLogger,
  ) {}

  channelsConfig(): Promise<ChannelConfig[]> {
    this.config ??= readChannelsConfig(this.settings, this.logger).then(({ text, where }) =>
      parseChannelsConfig(text, where),
    );
    return this.config;
  }

  /** Every item of a list request, following `nextPageToken`. */
  async list(req: HttpRequest, onRateLimited: RateLimited): Promise<YoutubeItem[]> {
    const out: YoutubeItem[] = [];
    let next: HttpRequest | undefined = req;
    while (next) {
      const res = await this.client.send<{ items?: YoutubeItem[] }>(next, { expect: 'json', onRateLimited });
      const items = Array.isArray(res.data?.items) ? res.data.items : [];
      out.push(...items);
      next = this.paginator.next(next, res);
    }
    return out;
  }

  async channels(
    onRateLimited: RateLimited,
  ): Promise<Array<{ item: YoutubeItem; config: ChannelConfig | null }>> {
    const configs = await this.channelsConfig();
    const byId = new Map(configs.map((c) => [c.channel_id, c]));
    const out: Array<{ item: YoutubeItem; config: ChannelConfig | null }> = [];
    for (const ids of batches([...byId.keys()])) {
      const items = await this.list(
        { url: 'channels', params: { part: 'snippet,contentDetails', id: ids.join(','), maxResults: BATCH } },
        onRateLimited,
      );
      for (const item of items) out.push({ item, config: byId.get(String(item.id)) ?? null });
    }
    return out;
  }

  playlists(onRateLimited: RateLimited): Promise<Array<{ item: YoutubeItem; settings: PlaylistSettings }>> {
    this.playlistList ??= this.loadPlaylists(onRateLimited);
    return this.playlistList;
  }

  private async loadPlaylists(onRateLimited: RateLimited) {
    const out: Array<{ item: YoutubeItem; settings: PlaylistSettings }> = [];
    const seen = new Set<string>();
    for (const channel of await this.channelsConfig()) {
      const own = new Map(channel.playlists.map((p) => [p.id, p]));
      const ignored = new Set(channel.playlists.filter((p) => p.ignore).map((p) => p.id));
      const wanted = channel.playlists.filter((p) => p.id !== 'all' && !p.ignore).map((p) => p.id);
      const found: YoutubeItem[] = [];
      if (own.has('all')) {
        found.push(
          ...(await this.list(
            {
              url: 'playlists',
              params: { part: 'snippet', channelId: channel.channel_id, maxResults: BATCH },
            },
            onRateLimited,
          )),
        );
      }
      for (const ids of batches(wanted.filter((id) => !found.some((f) => f.id === id)))) {
        found.push(
          ...(await this.list(
            { url: 'playlists', params: { part: 'snippet', id: ids.join(','), maxResults: BATCH } },
            onRateLimited,
          )),
        );
      }
      for (const item of found) {
        const id = String(item.id);
        if (ignored.has(id) || seen.has(id)) continue;
        seen.add(id);
        const p = own.get(id) ?? own.get('all');
        out.push({
          item,
          settings: {
            channel_id: channel.channel_id,
            offered_by: typeof channel.offered_by === 'string' ? channel.offered_by : null,
            create_videos: Boolean(p?.create_videos ?? channel.create_videos ?? true),
          },
        });
      }
    }
    return out;
  }

  playlistItems(playlistId: string, onRateLimited: RateLimited): Promise<YoutubeItem[]> {
    let p = this.items.get(playlistId);
    if (!p) {
      p = this.list(
        { url: 'playlistItems', params: { part: 'contentDetails', playlistId, maxResults: BATCH } },
        onRateLimited,
      );
      this.items.set(playlistId, p);
    }
    return p;
  }
}
