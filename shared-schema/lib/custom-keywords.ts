import type Ajv from 'ajv';

/**
 * The keywords the Learn schemas add to JSON Schema. They carry keys, relations, storage and search hints;
 * none of them changes what a record must look like, so ajv treats them as annotations. Their own shape is
 * checked by `shared-schema/meta/learn-keywords.schema.json`.
 */
export const CUSTOM_KEYWORDS = [
  'x-entity',
  'x-kind',
  'x-django-model',
  'x-primary-key',
  'x-unique',
  'x-foreign-keys',
  'x-indexes',
  'x-checks',
  'x-view',
  'x-search',
  'x-search-indexes',
  'x-source',
  'x-db-type',
  'x-db-default',
  'x-identity',
  'x-app-managed',
] as const;

export type CustomKeyword = (typeof CUSTOM_KEYWORDS)[number];

/** Teach an ajv instance the Learn keywords (as annotations), so strict mode accepts them. */
export function addCustomKeywords(ajv: Ajv): Ajv {
  for (const keyword of CUSTOM_KEYWORDS) {
    if (!ajv.getKeyword(keyword))
      ajv.addKeyword({ keyword, schemaType: ['string', 'boolean', 'array', 'object'] });
  }
  return ajv;
}
