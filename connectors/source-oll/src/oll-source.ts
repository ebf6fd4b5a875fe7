import { SystemError, type Source } from '../../cdk';
import { OllCsvClient } from './client';
import { csvRows } from './csv-rows';
import { spec, type OllConfig } from './spec';
import { Courses } from './streams/courses';

const VERSION = '0.1.0';

/** Open Learning Library: the course metadata CSV, from a URL or a local file. */
export const ollSource: Source<OllConfig> = {
  name: 'source-oll',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = new OllCsvClient(config, logger, VERSION);
    for await (const row of csvRows(await client.open(), client.where)) {
      if (!('readable_id' in row)) {
        throw new SystemError(`the CSV has no readable_id column (columns: ${Object.keys(row).join(', ')})`, {
          where: client.where,
        });
      }
      return { status: 'SUCCEEDED' };
    }
    throw new SystemError('the CSV has no rows', { where: client.where });
  },
  streams(config, logger) {
    return [new Courses(new OllCsvClient(config, logger, VERSION))];
  },
};
