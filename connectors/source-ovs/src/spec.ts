import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface OvsConfig extends HttpTuningConfig {
  base_url: string;
  videos_path: string;
  include_in_learn_only: boolean;
  page_size?: number;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-ovs',
  protocol_version: '0.2.0',
  supportsIncremental: false,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ODL Video Service',
    type: 'object',
    required: ['base_url'],
    properties: {
      base_url: {
        type: 'string',
        title: 'Base URL',
        description: 'The ODL Video Service (`OVS_API_BASE_URL`), a mirror or a replay server.',
        examples: ['https://video.odl.mit.edu'],
        pattern: '^https?://',
        pattern_descriptor: 'http(s)://host[:port]',
        order: 0,
      },
      videos_path: { type: 'string', title: 'Videos path', default: '/api/v0/public/videos/', order: 1 },
      include_in_learn_only: {
        type: 'boolean',
        title: 'Videos for Learn only',
        description: 'Send `include_in_learn=true` on every page request, as MIT Learn does.',
        default: true,
        order: 2,
      },
      page_size: {
        type: 'integer',
        title: 'Page size',
        description: 'Sent as `page_size` when set; the API default otherwise.',
        minimum: 1,
        maximum: 1000,
        order: 3,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
