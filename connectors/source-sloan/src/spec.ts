import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface SloanConfig extends HttpTuningConfig {
  base_url: string;
  token_url: string;
  client_id: string;
  client_secret: string;
  scope?: string;
  courses_path: string;
  course_offerings_path: string;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-sloan',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'MIT Sloan Executive Education',
    type: 'object',
    required: ['base_url', 'token_url', 'client_id', 'client_secret'],
    properties: {
      base_url: {
        type: 'string',
        title: 'API base URL',
        description: 'The Sloan Executive Education API (`SEE_API_URL`); the paths below are relative to it.',
        examples: ['https://see-api.example.cloudhub.io/api/'],
        pattern: '^https?://',
        pattern_descriptor: 'http(s)://host[:port]/path',
        order: 0,
      },
      token_url: {
        type: 'string',
        title: 'Token URL',
        description:
          'The OAuth2 client-credentials endpoint (`SEE_API_ACCESS_TOKEN_URL`, `.../oauth/token`).',
        pattern: '^https?://',
        order: 1,
      },
      client_id: { type: 'string', title: 'OAuth2 client id', order: 2 },
      client_secret: { type: 'string', title: 'OAuth2 client secret', airbyte_secret: true, order: 3 },
      scope: {
        type: 'string',
        title: 'OAuth2 scope',
        description: 'Sent with the token request when set.',
        order: 4,
      },
      courses_path: { type: 'string', title: 'Courses path', default: 'courses', order: 5 },
      course_offerings_path: {
        type: 'string',
        title: 'Course offerings path',
        default: 'course-offerings',
        order: 6,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
