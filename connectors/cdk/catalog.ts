import { ConfigurationError } from './errors';
import type { ConfiguredAirbyteCatalog } from './protocol';

/**
 * Check the shape of a configured catalog (not its streams against a source; the source runner does
 * that). Problems are ConfigurationErrors that name the stream index and field.
 */
export function parseConfiguredCatalog(raw: unknown, where = 'catalog'): ConfiguredAirbyteCatalog {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { streams?: unknown }).streams)) {
    throw new ConfigurationError('the catalog must be a JSON object with a "streams" array', { where });
  }
  const problems: string[] = [];
  const streams = (raw as { streams: unknown[] }).streams;
  streams.forEach((s, i) => {
    const st = (s as { stream?: { name?: unknown } } | null)?.stream;
    if (!st || typeof st !== 'object') problems.push(`streams[${i}].stream is missing`);
    else if (typeof st.name !== 'string' || !st.name) problems.push(`streams[${i}].stream.name is missing`);
    const mode = (s as { sync_mode?: unknown } | null)?.sync_mode;
    if (mode !== undefined && typeof mode !== 'string')
      problems.push(`streams[${i}].sync_mode must be a string`);
  });
  if (problems.length) throw new ConfigurationError(`invalid catalog: ${problems.join('; ')}`, { where });
  for (const s of streams as Array<Record<string, unknown>>) {
    if (s.sync_mode === undefined) s.sync_mode = 'full_refresh';
    if (s.destination_sync_mode === undefined) s.destination_sync_mode = 'append';
  }
  return raw as ConfiguredAirbyteCatalog;
}
