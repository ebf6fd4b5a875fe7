import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { addCustomKeywords } from './custom-keywords';

/**
 * The one ajv configuration every Learn validator uses: JSON Schema 2020-12, every error reported (not just
 * the first), standard formats (date-time, uuid...), union types, and the Learn keywords.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: false,
  });
  addFormats(ajv);
  addCustomKeywords(ajv);
  return ajv;
}
