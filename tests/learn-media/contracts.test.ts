/** The media marts' properties YAML (contracts + data tests) matches what shared-schema generates today. */
import fs from 'node:fs';
import { ENGINES, MEDIA_MODELS, contractFile, contractYaml } from './support/media-contracts';

describe('media mart contracts', () => {
  test.each(ENGINES.flatMap((engine) => MEDIA_MODELS.map((model) => [engine, model] as const)))(
    '%s %s is current (re-run tests/learn-media/support/media-contracts.ts when not)',
    (engine, model) => {
      expect(fs.readFileSync(contractFile(engine, model), 'utf8')).toBe(contractYaml(engine, model));
    },
  );
});
