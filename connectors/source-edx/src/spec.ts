import { HTTP_SPEC_PROPERTIES, type ConnectorSpecification, type HttpTuningConfig } from '../../cdk';

export interface EdxConfig extends HttpTuningConfig {
  courses_url: string;
  programs_url: string;
  token_url: string;
  client_id: string;
  client_secret: string;
  owner_keys: string[];
  page_size?: number;
}

const url = (title: string, description: string, example: string, order: number) => ({
  type: 'string',
  title,
  description,
  examples: [example],
  pattern: '^https?://',
  pattern_descriptor: 'http(s)://host[:port]/path',
  order,
});

export const spec: ConnectorSpecification = {
  documentationUrl: 'https://github.com/mitodl/learnflow/tree/main/connectors/source-edx',
  protocol_version: '0.2.0',
  supportsIncremental: true,
  connectionSpecification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'edX (catalog courses and Discovery programs)',
    type: 'object',
    required: ['client_id', 'client_secret', 'courses_url', 'programs_url', 'token_url'],
    properties: {
      client_id: { type: 'string', title: 'OAuth2 client id', order: 0 },
      client_secret: { type: 'string', title: 'OAuth2 client secret', airbyte_secret: true, order: 1 },
      token_url: url(
        'Token URL',
        'OAuth2 client-credentials endpoint; the token is requested with `token_type=jwt` and sent as `Authorization: JWT <token>`.',
        'https://api.edx.org/oauth2/v1/access_token',
        2,
      ),
      courses_url: url(
        'Catalog courses URL',
        'The first page of the catalog courses list; later pages follow `next`.',
        'https://api.edx.org/catalog/v1/catalogs/10/courses',
        3,
      ),
      programs_url: url(
        'Discovery programs URL',
        'The first page of the Discovery programs list; later pages follow `next`.',
        'https://discovery.edx.org/api/v1/programs/',
        4,
      ),
      owner_keys: {
        type: 'array',
        title: 'Owner keys',
        description:
          'Keep only courses owned by (`owners[].key`) and programs authored by (`authoring_organizations[].key`) one of these organizations. Empty: keep everything.',
        items: { type: 'string' },
        default: ['MITx', 'MITx_PRO'],
        order: 5,
      },
      page_size: {
        type: 'integer',
        title: 'Page size',
        description:
          'Sent as `page_size` on the first request of each list (later pages keep it through `next`); the API default otherwise.',
        minimum: 1,
        maximum: 1000,
        order: 6,
      },
      ...HTTP_SPEC_PROPERTIES,
    },
  },
};
