import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface PodcastsConfig extends HttpTuningConfig {
  podcast_configs_url?: string;
  podcast_configs_path?: string;
  github_token?: string;
  feed_user_agent: string;
}

export const DEFAULT_FEED_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-podcasts',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Podcasts',
    type: 'object',
    required: [],
    properties: {
      podcast_configs_url: {
        type: 'string',
        title: 'Podcast configs folder URL',
        description:
          'A git-hosted folder of podcast YAML configs, as a GitHub contents-API listing (a JSON array of `{name, type, download_url}`). Give this or the local path.',
        examples: ['https://api.github.com/repos/mitodl/open-podcast-data/contents/podcasts?ref=master'],
        pattern: '^https?://',
        order: 0,
      },
      podcast_configs_path: {
        type: 'string',
        title: 'Podcast configs folder (local)',
        description: 'A local folder of podcast YAML configs (`*.yaml`, `*.yml`), instead of the URL.',
        order: 1,
      },
      github_token: {
        type: 'string',
        title: 'GitHub token',
        description: 'Optional; sent only to the configs URL (`Authorization: Bearer`), never to the feeds.',
        airbyte_secret: true,
        order: 2,
      },
      feed_user_agent: {
        type: 'string',
        title: 'Feed User-Agent',
        description: 'Some feed hosts refuse non-browser clients; this User-Agent is sent to the feeds.',
        default: DEFAULT_FEED_USER_AGENT,
        order: 3,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
