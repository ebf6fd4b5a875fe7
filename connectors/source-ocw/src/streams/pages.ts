import schema from '../../schemas/pages.json';
import type { ReadContext } from '../../../cdk';
import type { StoredObject } from '../ocw-store';
import { ObjectStream, dataJsonBelow } from './object-stream';

/** Course pages: `<prefix><slug>/pages/**\/data.json` (title, content, description...). */
export class Pages extends ObjectStream {
  readonly name = 'pages';
  readonly jsonSchema = schema as Record<string, unknown>;

  protected objects(slug: string, ctx: ReadContext): AsyncIterable<StoredObject> {
    return dataJsonBelow(this.store, `${this.prefix}${slug}/pages/`, ctx);
  }
}
