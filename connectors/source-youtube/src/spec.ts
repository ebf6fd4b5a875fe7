import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface YoutubeConfig extends HttpTuningConfig {
  api_key: string;
  base_url: string;
  channels_config_url?: string;
  channels_config_path?: string;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-youtube',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'YouTube',
    type: 'object',
    required: ['api_key'],
    properties: {
      api_key: {
        type: 'string',
        title: 'API key',
        description: 'A YouTube Data API v3 key (sent as `key=`).',
        airbyte_secret: true,
        order: 0,
      },
      base_url: {
        type: 'string',
        title: 'API base URL',
        default: 'https://www.googleapis.com/youtube/v3',
        pattern: '^https?://',
        order: 1,
      },
      channels_config_url: {
        type: 'string',
        title: 'Channels config URL',
        description:
          'The channels YAML (a list of `{channel_id, offered_by, create_videos, playlists: [{id, ignore, create_videos}]}`; playlist id `all` means every playlist of the channel).',
        examples: ['https://raw.githubusercontent.com/mitodl/open-video-data/mitopen/youtube/channels.yaml'],
        pattern: '^https?://',
        order: 2,
      },
      channels_config_path: {
        type: 'string',
        title: 'Channels config file (local)',
        description: 'A local channels YAML instead of the URL.',
        order: 3,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
