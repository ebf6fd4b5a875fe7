import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigurationError, HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { OllConfig } from './spec';

/** Opens the configured CSV: a local file as a stream, or a URL fetched (with the kit's retries) as text. */
export class OllCsvClient {
  private readonly http: HttpClient;

  constructor(
    private readonly config: OllConfig,
    logger: ConnectorLogger,
    version: string,
  ) {
    this.http = new HttpClient({
      ...httpOptionsFromConfig(config, logger),
      userAgent: `learnflow-source-oll/${version}`,
    });
  }

  /** Where the CSV is, for messages. */
  get where(): string {
    const s = this.config.csv_source;
    return s.source_type === 'url' ? s.url : path.resolve(s.path);
  }

  async open(): Promise<Readable | string> {
    const s = this.config.csv_source;
    if (s.source_type === 'url') {
      const res = await this.http.send<string>(
        { url: s.url, headers: { Accept: 'text/csv, */*' } },
        { expect: 'text' },
      );
      return res.data;
    }
    const file = path.resolve(s.path);
    try {
      await fs.promises.access(file, fs.constants.R_OK);
    } catch (e) {
      throw new ConfigurationError(
        `cannot read the CSV file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          where: `csv_source.path ${file}`,
        },
      );
    }
    return fs.createReadStream(file);
  }
}
