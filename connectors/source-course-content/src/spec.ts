import type { ConnectorSpecification } from '../../cdk';

export interface CourseContentConfig {
  s3_endpoint_url: string;
  s3_region: string;
  s3_path_style: boolean;
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  aws_session_token?: string;
  archives_bucket?: string;
  archives_prefix: string;
  archives_path?: string;
  ocw_bucket?: string;
  ocw_prefix: string;
  ocw_path?: string;
  tika_url?: string;
  tika_access_token?: string;
  tika_ocr_strategy: string;
  tika_timeout_seconds: number;
  tika_concurrency: number;
  tika_max_retries: number;
  tika_backoff_seconds: number;
  max_file_size_bytes: number;
  pdf_timeout_seconds: number;
  request_timeout_seconds: number;
  max_retries: number;
  retry_backoff_seconds: number;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-course-content',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Course content files',
    type: 'object',
    required: [],
    properties: {
      s3_endpoint_url: {
        type: 'string',
        title: 'S3 endpoint',
        description: 'AWS S3 or any S3-compatible server (MinIO, a replay server).',
        default: 'https://s3.amazonaws.com',
        pattern: '^https?://',
        order: 0,
      },
      s3_region: { type: 'string', title: 'S3 region', default: 'us-east-1', order: 1 },
      s3_path_style: {
        type: 'boolean',
        title: 'Path-style URLs',
        description: '`<endpoint>/<bucket>/<key>` (true) or `<bucket>.<endpoint host>/<key>` (false).',
        default: true,
        order: 2,
      },
      aws_access_key_id: {
        type: 'string',
        title: 'Access key id',
        description: 'With the secret, requests are signed (SigV4); without, they are anonymous.',
        order: 3,
      },
      aws_secret_access_key: { type: 'string', title: 'Secret access key', airbyte_secret: true, order: 4 },
      aws_session_token: { type: 'string', title: 'Session token', airbyte_secret: true, order: 5 },
      archives_bucket: {
        type: 'string',
        title: 'Course archives bucket',
        description: 'The bucket of OLX course exports (`<course id>.tar.gz`).',
        examples: ['ol-data-lake-landing-zone-production'],
        order: 6,
      },
      archives_prefix: {
        type: 'string',
        title: 'Course archives prefix',
        default: '',
        examples: ['edxorg-raw-data/edxorg/raw_data/course_xml/'],
        order: 7,
      },
      archives_path: {
        type: 'string',
        title: 'Course archives folder (local)',
        description: 'A local folder of `.tar.gz` exports instead of the bucket.',
        order: 8,
      },
      ocw_bucket: {
        type: 'string',
        title: 'OCW bucket',
        description:
          'The OCW site bucket (`courses/<slug>/data.json`, `pages/**/data.json`, `resources/**/data.json`, files).',
        examples: ['ocw-content-live-production'],
        order: 9,
      },
      ocw_prefix: { type: 'string', title: 'OCW prefix', default: 'courses/', order: 10 },
      ocw_path: {
        type: 'string',
        title: 'OCW folder (local)',
        description: 'A local folder laid out like the OCW bucket, instead of the bucket.',
        order: 11,
      },
      tika_url: {
        type: 'string',
        title: 'Apache Tika URL',
        description:
          'When set, text comes from Tika (`PUT <url>/tika`); otherwise from the built-in extractors.',
        pattern: '^https?://',
        order: 12,
      },
      tika_access_token: {
        type: 'string',
        title: 'Tika access token',
        description: 'Sent as `X-Access-Token`.',
        airbyte_secret: true,
        order: 13,
      },
      tika_ocr_strategy: {
        type: 'string',
        title: 'Tika PDF OCR strategy',
        description: 'Sent as `X-Tika-PDFOcrStrategy`.',
        default: 'no_ocr',
        order: 14,
      },
      tika_timeout_seconds: {
        type: 'integer',
        title: 'Tika timeout (seconds)',
        default: 60,
        minimum: 1,
        order: 15,
      },
      tika_concurrency: {
        type: 'integer',
        title: 'Tika concurrency',
        description: 'Documents sent to Tika at once.',
        default: 2,
        minimum: 1,
        order: 16,
      },
      tika_max_retries: {
        type: 'integer',
        title: 'Tika retries',
        description: 'Retries of one document on 429/502/503/504, timeouts and resets.',
        default: 5,
        minimum: 0,
        order: 17,
      },
      tika_backoff_seconds: {
        type: 'number',
        title: 'Tika first retry delay (seconds)',
        description: 'Doubles on each retry, with jitter; Retry-After wins when sent.',
        default: 2,
        minimum: 0,
        order: 18,
      },
      max_file_size_bytes: {
        type: 'integer',
        title: 'Largest file to extract (bytes)',
        description: 'Larger files are recorded with their reason and no text.',
        default: 26214400,
        minimum: 1,
        order: 19,
      },
      pdf_timeout_seconds: {
        type: 'integer',
        title: 'Built-in PDF extraction timeout (seconds)',
        default: 60,
        minimum: 1,
        order: 20,
      },
      request_timeout_seconds: {
        type: 'integer',
        title: 'Storage request timeout (seconds)',
        default: 120,
        minimum: 1,
        order: 21,
      },
      max_retries: { type: 'integer', title: 'Storage retries', default: 5, minimum: 0, order: 22 },
      retry_backoff_seconds: {
        type: 'number',
        title: 'Storage first retry delay (seconds)',
        default: 1,
        minimum: 0,
        order: 23,
      },
    },
  },
};
