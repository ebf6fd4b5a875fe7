import { decodeEntities } from './decode-entities';
import { decodeUtf8, tidyText, type ExtractedText } from './extracted-text';

const BLOCK =
  /^(p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|section|article|header|footer|blockquote|pre|hr|dt|dd|title|figcaption|nav|aside|main)$/i;

/** Markup to text: drops comments, scripts, styles and tags, decodes entities, keeps block breaks. */
export function markupToText(markup: string): string {
  const stripped = markup
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<\/?([a-zA-Z][\w:-]*)\b[^>]*>/g, (_m, tag: string) => (BLOCK.test(tag) ? '\n' : ' '))
    .replace(/<[!?][^>]*>/g, ' ');
  return tidyText(decodeEntities(stripped)).replace(/\n{2,}/g, '\n');
}

/** HTML: the visible text, and the `<title>` (else the first `<h1>`) as the title. */
export function extractHtml(bytes: Buffer): ExtractedText {
  const html = decodeUtf8(bytes);
  const titleMatch =
    /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = titleMatch ? markupToText(titleMatch[1]) : '';
  const body = html.replace(/<head\b[\s\S]*?<\/head>/i, ' ');
  return { text: markupToText(body), ...(title ? { title } : {}) };
}
