import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface XproConfig extends HttpTuningConfig {
  base_url: string;
  courses_path: string;
  programs_path: string;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-xpro',
  protocol_version: '0.2.0',
  supportsIncremental: false,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'MIT xPRO',
    type: 'object',
    required: ['base_url'],
    properties: {
      base_url: {
        type: 'string',
        title: 'Base URL',
        description: 'The xPRO site (or a mirror, or a replay server). The paths below are relative to it.',
        examples: ['https://xpro.mit.edu'],
        pattern: '^https?://',
        pattern_descriptor: 'http(s)://host[:port]',
        order: 0,
      },
      courses_path: { type: 'string', title: 'Courses path', default: '/api/courses/', order: 1 },
      programs_path: { type: 'string', title: 'Programs path', default: '/api/programs/', order: 2 },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
