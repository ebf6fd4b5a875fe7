import { load as loadYaml } from 'js-yaml';
import { ConfigurationError } from '../../cdk';

export interface PlaylistConfig {
  id: string;
  ignore?: boolean;
  create_videos?: boolean;
}

export interface ChannelConfig {
  channel_id: string;
  offered_by?: string;
  create_videos?: boolean;
  playlists: PlaylistConfig[];
  [k: string]: unknown;
}

/**
 * The channels YAML: a list of channels, each with its playlists (`id: all` for every playlist of the
 * channel, `ignore: true` to leave one out). Entries without a `channel_id` are a configuration error
 * naming the entry.
 */
export function parseChannelsConfig(text: string, where: string): ChannelConfig[] {
  let doc: unknown;
  try {
    doc = loadYaml(text);
  } catch (e) {
    throw new ConfigurationError(
      `the channels config is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      { where },
    );
  }
  if (!Array.isArray(doc))
    throw new ConfigurationError('the channels config must be a YAML list of channels', { where });
  return doc.map((entry, i) => {
    if (
      !entry ||
      typeof entry !== 'object' ||
      typeof (entry as { channel_id?: unknown }).channel_id !== 'string'
    ) {
      throw new ConfigurationError(`channel entry ${i + 1} has no channel_id`, { where });
    }
    const e = entry as Record<string, unknown>;
    const playlists = Array.isArray(e.playlists) ? (e.playlists as unknown[]) : [];
    return {
      ...e,
      channel_id: e.channel_id as string,
      playlists: playlists
        .filter(
          (p): p is Record<string, unknown> =>
            !!p && typeof p === 'object' && typeof (p as { id?: unknown }).id === 'string',
        )
        .map((p) => ({ ...p, id: p.id as string }) as PlaylistConfig),
    } as ChannelConfig;
  });
}
