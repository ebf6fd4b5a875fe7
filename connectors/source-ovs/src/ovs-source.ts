import { SystemError, type Source } from '../../cdk';
import { createOvsClient, listParams } from './client';
import { spec, type OvsConfig } from './spec';
import { Videos } from './streams/videos';

const VERSION = '0.1.0';

/** ODL Video Service: the public videos API, DRF `next` paging. */
export const ovsSource: Source<OvsConfig> = {
  name: 'source-ovs',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = createOvsClient(config, logger, VERSION);
    const res = await client.send<{ results?: unknown }>(
      { url: config.videos_path, params: listParams(config) },
      { expect: 'json' },
    );
    if (!Array.isArray(res.data?.results)) {
      throw new SystemError(
        'expected a DRF page with a `results` array; check the base URL and videos path',
        {
          where: res.url,
        },
      );
    }
    return { status: 'SUCCEEDED' };
  },
  streams(config, logger) {
    return [new Videos(createOvsClient(config, logger, VERSION), config)];
  },
};
