/**
 * What the demo's OpenSearch holds after the run: every alias over the demo's indexes (`<prefix>_*`) with
 * its document count, read with the official client. An unreachable server is reported, not thrown: the
 * summary still prints everything else.
 */
import { Client } from '@opensearch-project/opensearch';

export interface SearchIndexCounts {
  aliases: { alias: string; documents: number }[];
  error?: string;
}

/** The URL without its user and password (fit for a summary). */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch (_e) {
    return '(an OpenSearch URL)';
  }
}

export async function searchIndexCounts(url: string, prefix: string): Promise<SearchIndexCounts> {
  const client = new Client({ node: url, maxRetries: 0, requestTimeout: 30000 });
  try {
    const indexes = (await client.indices.get({ index: `${prefix}_*` })).body as Record<
      string,
      { aliases?: Record<string, unknown> }
    >;
    const aliases: SearchIndexCounts['aliases'] = [];
    for (const alias of [
      ...new Set(Object.values(indexes).flatMap((i) => Object.keys(i.aliases ?? {}))),
    ].sort()) {
      const count = (await client.count({ index: alias })).body as { count: number };
      aliases.push({ alias, documents: Number(count.count) });
    }
    return { aliases };
  } catch (e) {
    return { aliases: [], error: (e as Error).message.replace(url, withoutCredentials(url)) };
  } finally {
    await client.close();
  }
}
