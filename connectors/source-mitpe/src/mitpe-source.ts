import { SystemError, type Source } from '../../cdk';
import { createMitpeClient } from './client';
import { spec, type MitpeConfig } from './spec';
import { Courses } from './streams/courses';

const VERSION = '0.1.0';

/** MIT Professional Education: the Drupal courses feed, paged until an empty page. */
export const mitpeSource: Source<MitpeConfig> = {
  name: 'source-mitpe',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = createMitpeClient(config, logger, VERSION);
    const res = await client.send({ url: config.courses_path, params: { page: 0 } }, { expect: 'json' });
    if (!Array.isArray(res.data)) {
      throw new SystemError('expected a JSON array of feed rows; check the base URL and feed path', {
        where: res.url,
      });
    }
    return { status: 'SUCCEEDED' };
  },
  streams(config, logger) {
    return [new Courses(createMitpeClient(config, logger, VERSION), config)];
  },
};
