/** The `deliver:` section of learnflow.yml: where each target is and which lakehouse schema holds the marts. */
import { registerConfigSection } from '../config/config-schema';

export interface DeliverSettings {
  /** The lakehouse schema of the Learn marts (default `marts`). */
  marts_schema?: string;
  /** Refuse to delete or unpublish more than this share of a source's resources (default 0.2). */
  max_delete_share?: number;
  postgres?: { url: string; schema?: string };
  opensearch?: { url: string; index_prefix?: string; replicas?: number; shards?: number };
  webhook?: { url: string; secret_env: string };
}

export const DEFAULT_MARTS_SCHEMA = 'marts';
export const DEFAULT_MAX_DELETE_SHARE = 0.2;

const ident = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' };

export const deliverSectionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    marts_schema: ident,
    max_delete_share: { type: 'number', minimum: 0, maximum: 1 },
    postgres: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: { url: { type: 'string', minLength: 1 }, schema: ident },
    },
    opensearch: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', minLength: 1 },
        index_prefix: { type: 'string', pattern: '^[a-z0-9_-]*$' },
        replicas: { type: 'integer', minimum: 0 },
        shards: { type: 'integer', minimum: 1 },
      },
    },
    webhook: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'secret_env'],
      properties: { url: { type: 'string', minLength: 1 }, secret_env: { type: 'string', minLength: 1 } },
    },
  },
};

/** Add the `deliver:` section to the learnflow.yml schema (idempotent). */
export function registerDeliverSection(): void {
  registerConfigSection('deliver', deliverSectionSchema);
}
