import { SystemError, type Source } from '../../cdk';
import { createMitClimateClient } from './client';
import { spec, type MitClimateConfig } from './spec';
import { AskMitClimate } from './streams/ask-mit-climate';
import { Explainers } from './streams/explainers';

const VERSION = '0.1.0';

/** MIT Climate Portal: the explainers and Ask MIT Climate JSON feeds. */
export const mitClimateSource: Source<MitClimateConfig> = {
  name: 'source-mit-climate',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = createMitClimateClient(config, logger, VERSION);
    const res = await client.send({ url: config.explainers_path }, { expect: 'json' });
    if (!Array.isArray(res.data)) {
      throw new SystemError('expected a JSON array of articles; check the base URL and feed paths', {
        where: res.url,
      });
    }
    return { status: 'SUCCEEDED' };
  },
  streams(config, logger) {
    const client = createMitClimateClient(config, logger, VERSION);
    return [new Explainers(client, config), new AskMitClimate(client, config)];
  },
};
