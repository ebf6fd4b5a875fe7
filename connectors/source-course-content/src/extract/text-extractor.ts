import { decodeUtf8, tidyText, type ExtractedText } from './extracted-text';

/** Plain text, Markdown, TeX: the text as UTF-8, whitespace tidied. */
export function extractPlainText(bytes: Buffer): ExtractedText {
  return { text: tidyText(decodeUtf8(bytes)) };
}
