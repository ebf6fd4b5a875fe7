import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/programs.json';
import type { MitxOnlineConfig } from '../spec';
import { DrfStream } from './drf-stream';

/** Programs from `/api/v2/programs/`, with their `req_tree`. A snapshot, like courses. */
export class Programs extends DrfStream {
  readonly name = 'programs';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField = [];

  constructor(client: HttpClient, config: MitxOnlineConfig) {
    super(client, config, config.programs_path);
  }
}
