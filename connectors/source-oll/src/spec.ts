import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export type OllCsvSource = { source_type: 'url'; url: string } | { source_type: 'file'; path: string };

export interface OllConfig extends HttpTuningConfig {
  csv_source: OllCsvSource;
}

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-oll',
  protocol_version: '0.2.0',
  supportsIncremental: false,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Open Learning Library',
    type: 'object',
    required: ['csv_source'],
    properties: {
      csv_source: {
        type: 'object',
        title: 'OLL metadata CSV',
        description:
          'Where the OLL course metadata CSV is: a URL (e.g. a Google Sheet CSV export) or a local file.',
        order: 0,
        oneOf: [
          {
            type: 'object',
            title: 'URL',
            required: ['source_type', 'url'],
            properties: {
              source_type: { type: 'string', const: 'url', default: 'url' },
              url: {
                type: 'string',
                title: 'CSV URL',
                examples: ['https://docs.google.com/spreadsheets/d/<sheet id>/export?format=csv'],
                pattern: '^https?://',
                pattern_descriptor: 'http(s)://host[:port]/path',
              },
            },
          },
          {
            type: 'object',
            title: 'Local file',
            required: ['source_type', 'path'],
            properties: {
              source_type: { type: 'string', const: 'file', default: 'file' },
              path: {
                type: 'string',
                title: 'CSV path',
                description:
                  'Absolute, or relative to the working directory (in Docker, mount it under /airbyte).',
                examples: ['/airbyte/oll_metadata.csv'],
              },
            },
          },
        ],
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
