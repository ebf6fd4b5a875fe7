import { decodeUtf8, ExtractionError, type ExtractedText } from './extracted-text';

/**
 * JSON: edX `.sjson` transcripts (`{start: [], end: [], text: []}`) give their `text` lines joined;
 * any other document gives its string values, depth first, one a line.
 */
export function extractJson(bytes: Buffer): ExtractedText {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeUtf8(bytes));
  } catch (e) {
    throw new ExtractionError(`not valid JSON (${(e as Error).message})`);
  }
  if (
    doc &&
    typeof doc === 'object' &&
    !Array.isArray(doc) &&
    Array.isArray((doc as { text?: unknown }).text)
  ) {
    const lines = ((doc as { text: unknown[] }).text as unknown[]).filter(
      (t) => typeof t === 'string',
    ) as string[];
    return {
      text: lines
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' '),
    };
  }
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.trim()) out.push(v.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(doc);
  return { text: out.join('\n') };
}
