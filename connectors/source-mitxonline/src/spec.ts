import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface MitxOnlineConfig extends HttpTuningConfig {
  base_url: string;
  api_key?: string;
  live_only: boolean;
  courses_path: string;
  programs_path: string;
  page_size?: number;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-mitxonline',
  protocol_version: '0.2.0',
  supportsIncremental: false,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'MITx Online',
    type: 'object',
    required: ['base_url'],
    properties: {
      base_url: {
        type: 'string',
        title: 'Base URL',
        description:
          'The MITx Online site (or a mirror, or a replay server). Paths below are relative to it.',
        examples: ['https://mitxonline.mit.edu'],
        pattern: '^https?://',
        pattern_descriptor: 'http(s)://host[:port]',
        order: 0,
      },
      api_key: {
        type: 'string',
        title: 'API key',
        description:
          'Optional; sent as `Authorization: Api-Key <key>` (the internal catalog endpoint needs it).',
        airbyte_secret: true,
        order: 1,
      },
      live_only: {
        type: 'boolean',
        title: 'Live items only',
        description: 'Ask the API for live courses and programs only (`?live=true`).',
        default: true,
        order: 2,
      },
      courses_path: { type: 'string', title: 'Courses path', default: '/api/v2/courses/', order: 3 },
      programs_path: { type: 'string', title: 'Programs path', default: '/api/v2/programs/', order: 4 },
      page_size: {
        type: 'integer',
        title: 'Page size',
        description: 'Sent as `page_size` when set; the API default otherwise.',
        minimum: 1,
        maximum: 1000,
        order: 5,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
