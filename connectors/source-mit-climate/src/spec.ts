import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface MitClimateConfig extends HttpTuningConfig {
  base_url: string;
  explainers_path: string;
  ask_mit_climate_path: string;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-mit-climate',
  protocol_version: '0.2.0',
  supportsIncremental: false,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'MIT Climate Portal',
    type: 'object',
    required: ['base_url'],
    properties: {
      base_url: {
        type: 'string',
        title: 'Base URL',
        description: 'The MIT Climate Portal (`MIT_CLIMATE_BASE_URL`), a mirror or a replay server.',
        examples: ['https://climate.mit.edu'],
        pattern: '^https?://',
        pattern_descriptor: 'http(s)://host[:port]',
        order: 0,
      },
      explainers_path: {
        type: 'string',
        title: 'Explainers feed path',
        default: '/feeds/explainers',
        order: 1,
      },
      ask_mit_climate_path: {
        type: 'string',
        title: 'Ask MIT Climate feed path',
        default: '/feeds/ask-mit-climate',
        order: 2,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
