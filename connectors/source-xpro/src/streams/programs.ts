import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/programs.json';
import type { XproConfig } from '../spec';
import { ArrayStream } from './array-stream';

/** Programs from `/api/programs/` with their nested `courses`, as the API returns them. A snapshot. */
export class Programs extends ArrayStream {
  readonly name = 'programs';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['readable_id']];
  readonly cursorField = [];

  constructor(client: HttpClient, config: XproConfig) {
    super(client, config.programs_path);
  }
}
