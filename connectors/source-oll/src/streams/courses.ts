import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/courses.json';
import type { OllCsvClient } from '../client';
import { csvRows } from '../csv-rows';

const CHECKPOINT_EVERY = 1000;

/** The OLL metadata CSV, one record per row, keyed by the header as written; values are strings. */
export class Courses extends Stream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['readable_id']];
  readonly cursorField = [];

  constructor(private readonly client: OllCsvClient) {
    super();
  }

  async *readRecords(_ctx: ReadContext): AsyncIterable<StreamItem> {
    let n = 0;
    for await (const row of csvRows(await this.client.open(), this.client.where)) {
      yield row;
      if (++n % CHECKPOINT_EVERY === 0) yield new Checkpoint();
    }
  }
}
