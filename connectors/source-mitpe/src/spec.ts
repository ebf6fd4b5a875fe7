import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface MitpeConfig extends HttpTuningConfig {
  base_url: string;
  courses_path: string;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-mitpe',
  protocol_version: '0.2.0',
  supportsIncremental: false,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'MIT Professional Education',
    type: 'object',
    required: ['base_url'],
    properties: {
      base_url: {
        type: 'string',
        title: 'Base URL',
        description: 'The MIT Professional Education site (or a mirror, or a replay server).',
        examples: ['https://professional.mit.edu'],
        pattern: '^https?://',
        pattern_descriptor: 'http(s)://host[:port]',
        order: 0,
      },
      courses_path: {
        type: 'string',
        title: 'Courses feed path',
        description: 'The Drupal feed, read as `?page=0,1,...` until a page is empty.',
        default: '/feeds/courses/',
        order: 1,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
