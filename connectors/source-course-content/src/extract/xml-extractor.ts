import { decodeEntities } from './decode-entities';
import { decodeUtf8, type ExtractedText } from './extracted-text';
import { markupToText } from './html-extractor';

/**
 * XML (OLX blocks, policies): the text content, and the root element's `display_name` as the title
 * (edX's convention for a block's name).
 */
export function extractXml(bytes: Buffer): ExtractedText {
  const xml = decodeUtf8(bytes);
  const root = /<([a-zA-Z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(
    xml
      .replace(/<\?[\s\S]*?\?>/g, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<!DOCTYPE[^>]*>/gi, ''),
  );
  const name = root ? /\bdisplay_name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(root[2] ?? '') : null;
  const title = name ? decodeEntities(name[1] ?? name[2] ?? '').trim() : '';
  return { text: markupToText(xml), ...(title ? { title } : {}) };
}
