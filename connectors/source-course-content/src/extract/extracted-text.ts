/** What an extractor returns: the text, and a title when the document carries one. */
export interface ExtractedText {
  text: string;
  title?: string;
}

/** A built-in extractor: bytes in, text out. Async because PDF parsing runs off the main thread. */
export type Extractor = (bytes: Buffer) => ExtractedText | Promise<ExtractedText>;

/** The document could not be read as the type its name says (bad JSON, a broken PDF). */
export class ExtractionError extends Error {}

/** Bytes as UTF-8 text, without a byte-order mark. */
export function decodeUtf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Collapse runs of spaces and tabs, trim lines, and keep at most one blank line between paragraphs. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
