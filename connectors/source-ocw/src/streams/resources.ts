import schema from '../../schemas/resources.json';
import type { ReadContext } from '../../../cdk';
import type { StoredObject } from '../ocw-store';
import { ObjectStream, dataJsonBelow } from './object-stream';

/** Course resources (files, videos, textbooks): `<prefix><slug>/resources/**\/data.json`. */
export class Resources extends ObjectStream {
  readonly name = 'resources';
  readonly jsonSchema = schema as Record<string, unknown>;

  protected objects(slug: string, ctx: ReadContext): AsyncIterable<StoredObject> {
    return dataJsonBelow(this.store, `${this.prefix}${slug}/resources/`, ctx);
  }
}
