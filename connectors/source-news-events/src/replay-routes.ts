import fs from 'node:fs';
import path from 'node:path';
import type { ReplayRoute } from '../../cdk/testing/replay-server';

/** The folder holding the recorded and synthetic responses (beside `src/`). */
export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');
export const MEDIUM_PATH = '/feed/open-learning';

const fixture = (name: string) => path.join(FIXTURES_DIR, name);
const json = (name: string) => JSON.parse(fs.readFileSync(fixture(name), 'utf8')) as any;

/** The fwuid and app id of the recorded Aura answer; the synthetic pages carry the same. */
export const AURA_IDS = (() => {
  const ctx = json('test_sloan_exec_news.json').context;
  return {
    fwuid: ctx.fwuid as string,
    appId: ctx.loaded['APPLICATION@markup://siteforce:communityApp'] as string,
  };
})();

/** Routes answering each related resource of the recorded relationship documents by type and id. */
function relatedRoutes(): ReplayRoute[] {
  const docs = [
    'ol_events_audience.json',
    'ol_events_location.json',
    'ol_events_topics.json',
    'ol_events_img_text.json',
    'ol_events_img_src.json',
  ];
  const out: ReplayRoute[] = [];
  for (const name of docs) {
    const doc = json(name);
    for (const res of Array.isArray(doc.data) ? doc.data : [doc.data]) {
      const [entity, bundle] = String(res.type).split('--');
      out.push({
        path: `/jsonapi/${entity}/${bundle}/${res.id}`,
        body: {
          jsonapi: doc.jsonapi,
          data: res,
          links: { self: { href: `{{baseUrl}}/jsonapi/${entity}/${bundle}/${res.id}` } },
        },
      });
    }
  }
  return out;
}

/**
 * The Aura endpoint: checks that the form carries the page's fwuid and app id, then answers the blog
 * action with the recorded Blog_Post page and the webinar actions with the synthetic webinars answer.
 */
function auraRoute(): ReplayRoute {
  return {
    method: 'POST',
    path: '/s/sfsites/aura',
    requireHeaders: { cookie: /sid=synthetic-session/, 'content-type': /application\/x-www-form-urlencoded/ },
    handler: (req) => {
      const form = new URLSearchParams(req.body);
      const context = JSON.parse(form.get('aura.context') ?? '{}');
      const message = JSON.parse(form.get('message') ?? '{}');
      if (
        context.fwuid !== AURA_IDS.fwuid ||
        context.loaded?.['APPLICATION@markup://siteforce:communityApp'] !== AURA_IDS.appId
      ) {
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '*/{"event":{"descriptor":"markup://aura:clientOutOfSync"}}/*ERROR*/',
        };
      }
      const types = (message.actions ?? []).map((a: any) => a.params?.contentType);
      if (types.join(',') === 'Blog_Post' && form.get('aura.pageURI') === '/s/blog')
        return {
          body: fs.readFileSync(fixture('test_sloan_exec_news.json'), 'utf8'),
          headers: { 'content-type': 'application/json' },
        };
      if (
        types.join(',') === 'Card_Display_Item,Webinar_Post' &&
        form.get('aura.pageURI') === '/s/webinars'
      ) {
        return {
          body: fs.readFileSync(fixture('sloan_webinars_aura_synthetic.json'), 'utf8'),
          headers: { 'content-type': 'application/json' },
        };
      }
      return { status: 400, body: { detail: `unexpected actions ${types.join(',')}` } };
    },
  };
}

/** Every news and events upstream, from the recorded (and a few synthetic) responses. */
export function newsEventsReplayRoutes(): ReplayRoute[] {
  const page = (file: string) => ({
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': 'sid=synthetic-session; Path=/; HttpOnly',
    },
    file: fixture(file),
  });
  return [
    { path: MEDIUM_PATH, file: fixture('test_medium_mit_news.rss') },
    { path: '/feeds/news/', query: { page: '0' }, file: fixture('mitpe_news.json') },
    { path: '/feeds/news/', query: { page: '1' }, body: [] },
    { path: '/feeds/events/', query: { page: '0' }, file: fixture('mitpe_events.json') },
    { path: '/feeds/events/', query: { page: '1' }, body: [] },
    {
      path: '/jsonapi/node/event',
      query: { 'page[offset]': '50' },
      file: fixture('ol_events_page2_synthetic.json'),
    },
    {
      path: '/jsonapi/node/event',
      query: { sort: '-field_event_date.value', 'page[offset]': null },
      file: fixture('ol_events.json'),
    },
    ...relatedRoutes(),
    { path: '/s/blog', ...page('sloan_blog_page_synthetic.html') },
    { path: '/s/webinars', ...page('sloan_webinars_page_synthetic.html') },
    auraRoute(),
  ];
}
