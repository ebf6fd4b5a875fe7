import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/explainers.json';
import type { MitClimateConfig } from '../spec';
import { FeedStream } from './feed-stream';

/** The explainers feed (`/feeds/explainers`). */
export class Explainers extends FeedStream {
  readonly name = 'explainers';
  readonly jsonSchema = schema as Record<string, unknown>;

  constructor(client: HttpClient, config: MitClimateConfig) {
    super(client, config.explainers_path);
  }
}
