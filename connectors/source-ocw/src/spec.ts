import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface OcwS3Storage {
  storage_type: 's3';
  bucket: string;
  endpoint?: string;
  region?: string;
  access_key_id?: string;
  secret_access_key?: string;
  session_token?: string;
  force_path_style?: boolean;
}

export interface OcwHttpStorage {
  storage_type: 'http';
  base_url: string;
}

export interface OcwConfig extends HttpTuningConfig {
  storage: OcwS3Storage | OcwHttpStorage;
  prefix: string;
  course_slugs?: string[];
  page_size: number;
}

/** The configured prefix as a folder: `courses` and `courses/` both mean `courses/`; empty means the bucket root. */
export function coursesPrefix(config: Pick<OcwConfig, 'prefix'>): string {
  const p = config.prefix ?? '';
  return p && !p.endsWith('/') ? `${p}/` : p;
}

export const DEFAULT_S3_ENDPOINT = 'https://s3.amazonaws.com';
export const DEFAULT_S3_REGION = 'us-east-1';

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-ocw',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'MIT OpenCourseWare',
    type: 'object',
    required: ['storage'],
    properties: {
      storage: {
        type: 'object',
        title: 'Where the OCW site content is',
        order: 0,
        oneOf: [
          {
            type: 'object',
            title: 'S3 bucket (any S3-compatible store)',
            required: ['storage_type', 'bucket'],
            properties: {
              storage_type: { type: 'string', const: 's3', default: 's3', order: 0 },
              bucket: {
                type: 'string',
                title: 'Bucket',
                examples: ['ocw-content-live-production'],
                order: 1,
              },
              endpoint: {
                type: 'string',
                title: 'Endpoint',
                description: `The S3 API endpoint (default ${DEFAULT_S3_ENDPOINT}); MinIO, R2, a mirror or a replay server work too.`,
                pattern: '^https?://',
                order: 2,
              },
              region: {
                type: 'string',
                title: 'Region',
                description: `Default ${DEFAULT_S3_REGION}.`,
                order: 3,
              },
              access_key_id: {
                type: 'string',
                title: 'Access key id',
                description: 'Leave both keys empty for anonymous (public bucket) requests.',
                airbyte_secret: true,
                order: 4,
              },
              secret_access_key: {
                type: 'string',
                title: 'Secret access key',
                airbyte_secret: true,
                order: 5,
              },
              session_token: { type: 'string', title: 'Session token', airbyte_secret: true, order: 6 },
              force_path_style: {
                type: 'boolean',
                title: 'Path-style requests',
                description:
                  '`{endpoint}/{bucket}/{key}` instead of `{bucket}.{endpoint host}/{key}` (MinIO and most mirrors need it).',
                order: 7,
              },
            },
          },
          {
            type: 'object',
            title: 'HTTP base URL (courses only)',
            description:
              'A web server with the bucket layout (`{base_url}/courses/<slug>/data.json`). HTTP cannot list objects, so `course_slugs` is required and only the courses stream is offered.',
            required: ['storage_type', 'base_url'],
            properties: {
              storage_type: { type: 'string', const: 'http', default: 'http', order: 0 },
              base_url: {
                type: 'string',
                title: 'Base URL',
                examples: ['https://ocw.mit.edu'],
                pattern: '^https?://',
                order: 1,
              },
            },
          },
        ],
      },
      prefix: {
        type: 'string',
        title: 'Courses prefix',
        description: 'The key prefix under which each course is a folder.',
        default: 'courses/',
        order: 1,
      },
      course_slugs: {
        type: 'array',
        title: 'Course slugs',
        description:
          'Read only these courses (required for HTTP storage). Empty or absent: every course in the bucket.',
        items: { type: 'string' },
        order: 2,
      },
      page_size: {
        type: 'integer',
        title: 'Listing page size',
        description: 'ListObjectsV2 `max-keys`.',
        default: 1000,
        minimum: 1,
        maximum: 1000,
        order: 3,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
