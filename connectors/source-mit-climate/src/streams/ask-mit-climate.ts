import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/ask_mit_climate.json';
import type { MitClimateConfig } from '../spec';
import { FeedStream } from './feed-stream';

/** The Ask MIT Climate feed (`/feeds/ask-mit-climate`). */
export class AskMitClimate extends FeedStream {
  readonly name = 'ask_mit_climate';
  readonly jsonSchema = schema as Record<string, unknown>;

  constructor(client: HttpClient, config: MitClimateConfig) {
    super(client, config.ask_mit_climate_path);
  }
}
