import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/channels.json';
import type { YoutubeCatalog } from '../youtube-catalog';

/** The configured channels (`channels.list`, 50 ids a request), each with its entry of the config. */
export class Channels extends Stream {
  readonly name = 'channels';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField: string[] = [];

  constructor(private readonly catalog: YoutubeCatalog) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    for (const { item, config } of await this.catalog.channels(ctx.rateLimited)) yield { ...item, config };
    yield new Checkpoint();
  }
}
