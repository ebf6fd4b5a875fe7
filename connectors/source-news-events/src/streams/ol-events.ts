import {
  Checkpoint,
  NextUrlPaginator,
  Stream,
  SystemError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type ReadContext,
  type StreamItem,
} from '../../../cdk';
import schema from '../../schemas/ol_events.json';
import { joinUrl } from '../client';
import { identifiers, JsonApiResolver, type JsonApiResource } from '../jsonapi-resolver';

/** A media entity's file: the relationship Drupal uses for the image itself. */
const MEDIA_FILE = 'field_media_image';

/**
 * Open Learning events from the Drupal JSON:API (`/jsonapi/node/event?sort=-field_event_date.value`),
 * following `links.next` when configured. Each event is the resource as published plus `related`: for
 * each configured relationship (audience, location, event type, image), the related resources; an
 * image's media entity carries its file under `related.field_media_image`. Every related id is fetched
 * once per run, not once per event. Incremental on `attributes.changed`.
 */
export class OlEvents extends Stream {
  readonly name = 'ol_events';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField = ['attributes', 'changed'];
  private readonly paginator = new NextUrlPaginator(['links', 'next', 'href'], 'force');

  constructor(
    private readonly client: HttpClient,
    private readonly base: string,
    private readonly followNext: boolean,
    private readonly relationships: string[],
  ) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const apiBase = joinUrl(this.base, '/jsonapi/');
    const resolver = new JsonApiResolver(this.client, apiBase, ctx.rateLimited);
    let req: HttpRequest | undefined = {
      url: joinUrl(apiBase, 'node/event'),
      params: { sort: '-field_event_date.value' },
      headers: { Accept: 'application/vnd.api+json' },
    };
    let events = 0;
    while (req) {
      const res: HttpResponse<{ data?: unknown }> = await this.client.send<{ data?: unknown }>(req, {
        expect: 'json',
        onRateLimited: ctx.rateLimited,
      });
      if (!Array.isArray(res.data?.data)) {
        throw new SystemError('the JSON:API answer has no `data` array', { where: res.url });
      }
      const page = res.data.data as JsonApiResource[];
      const records = await Promise.all(page.map((e) => this.withRelated(e, resolver)));
      for (const r of records) yield r;
      events += records.length;
      yield new Checkpoint();
      req = this.followNext ? this.paginator.next(req, res) : undefined;
    }
    ctx.logger.info(`ol_events: ${events} event(s), ${resolver.size} distinct related resource(s) fetched`);
  }

  private async withRelated(
    event: JsonApiResource,
    resolver: JsonApiResolver,
  ): Promise<Record<string, unknown>> {
    const related: Record<string, unknown[]> = {};
    for (const name of this.relationships) {
      const refs = identifiers(event.relationships?.[name]);
      const found = (await Promise.all(refs.map((r) => resolver.resolve(r)))).filter(
        (r): r is JsonApiResource => r !== null,
      );
      related[name] = await Promise.all(
        found.map(async (res) => {
          const files = identifiers(res.relationships?.[MEDIA_FILE]);
          if (!files.length) return res;
          const resolved = (await Promise.all(files.map((f) => resolver.resolve(f)))).filter(
            (f) => f !== null,
          );
          return { ...res, related: { [MEDIA_FILE]: resolved } };
        }),
      );
    }
    return { ...event, related };
  }
}
