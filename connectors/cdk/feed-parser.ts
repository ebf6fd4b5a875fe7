/** RSS/Atom feed parsing shared by the feed-reading sources: one malformed item is skipped with its reason, not the whole feed. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One `<item>` of a feed, parsed, with its position and its own XML text. */
export interface FeedItem {
  index: number;
  xml: string;
  fields: Record<string, unknown>;
}

/** An item that could not be used, and why. */
export interface SkippedItem {
  index: number;
  reason: string;
}

export interface ParsedFeed {
  /** The `<channel>` element without its items. */
  channel: Record<string, unknown>;
  items: FeedItem[];
  skipped: SkippedItem[];
}

/** Thrown when the feed as a whole is unusable (not RSS, channel not well-formed). */
export class FeedFormatError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'category',
});

/**
 * Parse an RSS 2.0 feed item by item, so that one malformed `<item>` costs only itself: the feed is cut
 * at every `<item` start, the channel (everything but the items) is parsed on its own, and each item is
 * validated and parsed on its own. Namespaced tags (`itunes:duration`, `content:encoded`, `dc:creator`)
 * keep their prefix; attributes are `@_name`; element text with attributes is `#text`.
 */
export function parseFeed(raw: string): ParsedFeed {
  // Some feeds (Medium) start with a line break before the XML declaration.
  const text = raw.replace(/^\uFEFF?\s+/, '');
  const starts: number[] = [];
  const itemStart = /<item[\s>/]/g;
  for (let m = itemStart.exec(text); m; m = itemStart.exec(text)) starts.push(m.index);
  const channelEnd = text.lastIndexOf('</channel>');
  const bodyEnd = channelEnd >= 0 ? channelEnd : text.length;
  const chunks = starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : bodyEnd));
  const header = starts.length > 0 ? text.slice(0, starts[0]) + text.slice(bodyEnd) : text;
  const headerValid = XMLValidator.validate(header);
  if (headerValid !== true) {
    throw new FeedFormatError(
      `the feed is not well-formed XML outside its items (line ${headerValid.err.line}: ${headerValid.err.msg})`,
    );
  }
  const doc = parser.parse(header) as Record<string, any>;
  const channel = doc?.rss?.channel;
  if (!channel || typeof channel !== 'object') {
    throw new FeedFormatError('the document is not an RSS feed (no <rss><channel>)');
  }
  const items: FeedItem[] = [];
  const skipped: SkippedItem[] = [];
  chunks.forEach((raw, index) => {
    const xml = raw.trimEnd();
    if (!xml.endsWith('</item>')) {
      skipped.push({ index, reason: 'the item has no closing </item> tag' });
      return;
    }
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      skipped.push({ index, reason: `the item is not well-formed XML (${valid.err.msg})` });
      return;
    }
    const parsed = parser.parse(xml) as { item?: unknown };
    const fields =
      parsed.item && typeof parsed.item === 'object' ? (parsed.item as Record<string, unknown>) : {};
    items.push({ index, xml, fields });
  });
  const { item: _items, ...rest } = channel as Record<string, unknown>;
  return { channel: rest, items, skipped };
}

/** The text of a parsed element: a string, or the `#text` of an element with attributes. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && '#text' in value)
    return textOf((value as { '#text': unknown })['#text']);
  return undefined;
}

/** An attribute of a parsed element (`attributeOf(enclosure, 'url')`). */
export function attributeOf(value: unknown, name: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = (value as Record<string, unknown>)[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** An RFC 822 date (`Wed, 01 Apr 2020 18:20:31 +0000`) as ISO 8601 UTC, or null when unreadable. */
export function rfc822ToIso(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
