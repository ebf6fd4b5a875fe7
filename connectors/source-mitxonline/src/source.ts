import type { AirbyteConnectionStatus, ConnectorLogger, Source, Stream } from '../../cdk';
import { createMitxOnlineClient, listParams } from './client';
import { spec, type MitxOnlineConfig } from './spec';
import { Courses } from './streams/courses';
import { ProgramCourses } from './streams/program-courses';
import { Programs } from './streams/programs';

/** MITx Online: courses, programs and the programs' child courses from the public DRF API. */
export class MitxOnlineSource implements Source<MitxOnlineConfig> {
  readonly name = 'source-mitxonline';
  readonly version = '0.1.0';

  spec() {
    return spec;
  }

  async check(config: MitxOnlineConfig, logger: ConnectorLogger): Promise<AirbyteConnectionStatus> {
    const client = createMitxOnlineClient(
      { ...config, max_retries: Math.min(config.max_retries ?? 5, 2) },
      logger,
      this.version,
    );
    const res = await client.send<{ results?: unknown }>({
      url: config.courses_path,
      params: listParams(config),
    });
    if (!Array.isArray(res.data?.results)) {
      return {
        status: 'FAILED',
        message: `${res.url} did not answer with a DRF page (no "results" array); check base_url and courses_path`,
      };
    }
    return { status: 'SUCCEEDED' };
  }

  streams(config: MitxOnlineConfig, logger: ConnectorLogger): Stream[] {
    const client = createMitxOnlineClient(config, logger, this.version);
    return [new Courses(client, config), new Programs(client, config), new ProgramCourses(client, config)];
  }
}
