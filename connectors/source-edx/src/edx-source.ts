import { SystemError, type Source } from '../../cdk';
import { createEdxClient } from './client';
import { spec, type EdxConfig } from './spec';
import { Courses } from './streams/courses';
import { Programs } from './streams/programs';

const VERSION = '0.1.0';

/** edX: catalog courses and Discovery programs behind an OAuth2 JWT, `next` paging, an owner filter. */
export const edxSource: Source<EdxConfig> = {
  name: 'source-edx',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = createEdxClient(config, logger, VERSION);
    const res = await client.send<{ results?: unknown }>({ url: config.courses_url }, { expect: 'json' });
    if (!Array.isArray(res.data?.results)) {
      throw new SystemError('expected a page with a `results` array; check the courses URL', {
        where: res.url,
      });
    }
    return { status: 'SUCCEEDED' };
  },
  streams(config, logger) {
    const client = createEdxClient(config, logger, VERSION);
    return [new Courses(client, config), new Programs(client, config)];
  },
};
