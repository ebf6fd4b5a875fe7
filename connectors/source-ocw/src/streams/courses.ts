import schema from '../../schemas/courses.json';
import type { ReadContext } from '../../../cdk';
import type { StoredObject } from '../ocw-store';
import { ObjectStream } from './object-stream';

/** Course metadata: `<prefix><slug>/data.json`, one per course folder. */
export class Courses extends ObjectStream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;

  protected async *objects(slug: string, ctx: ReadContext): AsyncIterable<StoredObject> {
    const key = `${this.prefix}${slug}/data.json`;
    if (!this.store.canList) {
      yield { key };
      return;
    }
    for await (const o of this.store.list(key, ctx.rateLimited)) if (o.key === key) yield o;
  }
}
