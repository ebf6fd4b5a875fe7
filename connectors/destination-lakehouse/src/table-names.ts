/** Table naming: lowercase identifiers of [a-z0-9_], segments joined by double underscores. */
export function normalizeIdentifier(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const safe = s || 'unnamed';
  return /^[0-9]/.test(safe) ? `_${safe}` : safe;
}

export interface StreamTableNames {
  /** Destinations V2 raw table in the raw schema: raw_<source>__<stream>. */
  raw: string;
  /** Typed table in the typed schema: raw__<source>__<stream>. */
  typed: string;
  /** Staging tables an overwrite writes into until the stream completes. */
  rawStaging: string;
  typedStaging: string;
}

export function streamTableNames(source: string, stream: string): StreamTableNames {
  const src = normalizeIdentifier(source);
  const st = normalizeIdentifier(stream);
  const raw = `raw_${src}__${st}`;
  const typed = `raw__${src}__${st}`;
  return { raw, typed, rawStaging: `${raw}_airbyte_tmp`, typedStaging: `${typed}_airbyte_tmp` };
}
