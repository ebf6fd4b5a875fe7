import { SystemError, type HttpClient } from '../../cdk';
import { joinUrl } from './client';

/** One Aura action: an Apex controller method and its parameters. */
export interface AuraAction {
  id: string;
  descriptor: string;
  callingDescriptor: string;
  params: Record<string, unknown>;
}

/** An action's answer. */
export interface AuraActionResult {
  id?: string;
  state?: string;
  returnValue?: { content?: unknown[] } & Record<string, unknown>;
  error?: unknown[];
}

const APP = 'siteforce:communityApp';

/**
 * The site's Aura framework id and application id, read from a Salesforce Experience Cloud page: the
 * page's bootstrap script URL carries them as URL-encoded JSON (`…%22fwuid%22%3A%22<fwuid>%22…`),
 * some pages carry them as plain JSON.
 */
export function auraIds(page: string): { fwuid: string; appId: string } | undefined {
  const decoded = page.replace(/%[0-9a-f]{2}/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch (_e) {
      return m;
    }
  });
  const fwuid = /"fwuid"\s*:\s*"([^"]+)"/.exec(decoded)?.[1];
  const appId = new RegExp(`"APPLICATION@markup://${APP}"\\s*:\\s*"([^"]+)"`).exec(decoded)?.[1];
  return fwuid && appId ? { fwuid, appId } : undefined;
}

/** The `name=value` pairs of Set-Cookie headers (joined with ", " by the client), as a Cookie header. */
export function cookieHeader(setCookie: string | undefined): string | undefined {
  if (!setCookie) return undefined;
  const pairs = setCookie
    .split(/,(?=\s*[^;,=\s]+=)/)
    .map((c) => c.split(';')[0].trim())
    .filter((c) => c.includes('='));
  return pairs.length ? pairs.join('; ') : undefined;
}

/**
 * The Salesforce Aura flow MIT Sloan Executive Education's site needs: GET the page (for the framework
 * id, the app id and the session cookie), then POST the actions form-encoded to `/s/sfsites/aura`
 * (`message`, `aura.context`, `aura.pageURI`, `aura.token`). Returns the actions' results, in order;
 * an action that did not succeed is a SystemError quoting Aura's messages.
 */
export async function callAura(
  client: HttpClient,
  base: string,
  pagePath: string,
  actions: AuraAction[],
  onRateLimited?: (ms?: number) => void,
): Promise<AuraActionResult[]> {
  const page = await client.send<string>(
    { url: joinUrl(base, pagePath), headers: { Accept: 'text/html' } },
    { expect: 'text', onRateLimited },
  );
  const ids = auraIds(page.data);
  if (!ids) {
    throw new SystemError(`the page has no Aura framework id and app id (fwuid, ${APP}); the site changed`, {
      where: page.url,
    });
  }
  const cookie = cookieHeader(page.headers['set-cookie']);
  const context = {
    mode: 'PROD',
    fwuid: ids.fwuid,
    app: APP,
    loaded: { [`APPLICATION@markup://${APP}`]: ids.appId },
    dn: [],
    globals: {},
    uad: false,
  };
  const names = [
    ...new Set(
      actions.map((a) => `other.${a.descriptor.replace(/^apex:\/\//, '').replace(/\/ACTION\$/, '.')}=1`),
    ),
  ].join('&');
  const res = await client.send<string>(
    {
      method: 'POST',
      url: `${joinUrl(base, '/s/sfsites/aura')}?r=1&${names}`,
      headers: { Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      form: {
        message: JSON.stringify({ actions }),
        'aura.context': JSON.stringify(context),
        'aura.pageURI': pagePath,
        'aura.token': 'null',
      },
    },
    { expect: 'text', onRateLimited },
  );
  let body: { actions?: AuraActionResult[] };
  try {
    body = JSON.parse(res.data.replace(/^\s*(while\s*\(1\);|\*\/)/, '')) as { actions?: AuraActionResult[] };
  } catch (e) {
    throw new SystemError(
      `the Aura answer is not JSON (${(e as Error).message}); the framework id may be stale`,
      { where: res.url },
    );
  }
  if (!Array.isArray(body.actions))
    throw new SystemError('the Aura answer has no actions', { where: res.url });
  return actions.map((a) => {
    const r = body.actions?.find((x) => x.id === a.id);
    if (!r || r.state !== 'SUCCESS') {
      throw new SystemError(
        `Aura action ${a.descriptor} ${r ? `ended ${r.state}: ${JSON.stringify(r.error ?? [])}` : 'is missing from the answer'}`,
        {
          where: res.url,
        },
      );
    }
    return r;
  });
}

/** `CMSContentController.fetchTopicPage`: one page of managed content of a type (and topic), newest first. */
export function fetchTopicPage(
  id: string,
  contentType: string,
  topicName: string,
  callingDescriptor: string,
  pageSize = 20,
): AuraAction {
  return {
    id,
    descriptor: 'apex://CMSContentController/ACTION$fetchTopicPage',
    callingDescriptor,
    params: { contentType, topicName, pageSize, pageNumber: 0, sortFields: ['DateTime1'], AscDesc: 'DESC' },
  };
}
