import type { ConnectorLogger } from './logger';
import { MESSAGE_TYPES, type AirbyteMessage } from './protocol';

const KNOWN = new Set<string>(MESSAGE_TYPES);

/** The stdin line a RECORD message was parsed from (see `rawRecordData`); symbol keys are not serialised. */
const SOURCE_LINE = Symbol('airbyte.sourceLine');

export interface ReadMessagesStats {
  /** Lines that parsed into protocol messages. */
  messages: number;
  /** Lines skipped: not JSON, or JSON that is not an Airbyte message. */
  skipped: number;
}

/**
 * Parse a stream of JSON lines (a destination's stdin) into protocol messages. Lines that are not JSON
 * or not protocol messages are logged (the first ten, shortened), counted in `stats` and skipped, as the
 * Python CDK does. Blank lines are ignored silently. A RECORD keeps the line it came from, so a
 * destination can take `record.data` as the source sent it (`rawRecordData`) instead of serialising it again.
 */
export async function* readMessages(
  input: NodeJS.ReadableStream,
  logger: ConnectorLogger,
  stats: ReadMessagesStats = { messages: 0, skipped: 0 },
): AsyncGenerator<AirbyteMessage> {
  for await (const batch of readMessageBatches(input, logger, stats)) yield* batch;
}

/**
 * `readMessages` a chunk of input at a time: the messages of the lines that ended in each chunk read
 * (never an empty batch). Consumers that handle many messages save an await per message.
 */
export async function* readMessageBatches(
  input: NodeJS.ReadableStream,
  logger: ConnectorLogger,
  stats: ReadMessagesStats = { messages: 0, skipped: 0 },
): AsyncGenerator<AirbyteMessage[]> {
  let rest = '';
  let lineNo = 0;
  const parse = (line: string): AirbyteMessage | undefined => {
    lineNo++;
    if (line.length === 0 || (line.length < 3 && !line.trim())) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skip(line, 'not JSON');
      return undefined;
    }
    if (
      typeof value !== 'object' ||
      value === null ||
      !KNOWN.has((value as { type?: string }).type ?? '') ||
      typeof (value as Record<string, unknown>)[payloadKey((value as { type: string }).type)] !== 'object'
    ) {
      skip(line, 'not an Airbyte protocol message');
      return undefined;
    }
    stats.messages++;
    if ((value as { type: string }).type === 'RECORD')
      (value as { [SOURCE_LINE]?: string })[SOURCE_LINE] = line;
    return value as AirbyteMessage;
  };
  const skip = (line: string, why: string) => {
    stats.skipped++;
    if (stats.skipped <= 10) {
      const excerpt = line.length > 120 ? `${line.slice(0, 120)}...` : line;
      logger.warn(`stdin line ${lineNo} skipped (${why}): ${excerpt}`);
    }
    if (stats.skipped === 10) logger.warn('further skipped lines are only counted');
  };

  let batch: AirbyteMessage[] = [];
  input.setEncoding?.('utf8');
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let start = 0;
    let nl = text.indexOf('\n', start);
    if (rest.length) {
      // Only the line split across chunks is joined: the chunk itself is not copied.
      if (nl === -1) {
        rest += text;
        continue;
      }
      const line = rest + text.slice(0, nl);
      const m = parse(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
      if (m) batch.push(m);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const m = parse(text.slice(start, end));
      if (m) batch.push(m);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  if (rest.length) {
    const m = parse(rest);
    if (m) yield [m];
  }
  if (stats.skipped) logger.warn(`${stats.skipped} input line(s) were skipped`);
}

function payloadKey(type: string): string {
  switch (type) {
    case 'CONNECTION_STATUS':
      return 'connectionStatus';
    default:
      return type.toLowerCase();
  }
}

/**
 * The JSON text of `record.data` exactly as it appeared on the line `message` was parsed from by
 * `readMessages`, when that text is compact (no whitespace outside strings, so it equals what
 * JSON.stringify gives up to number and escape spelling). `undefined` for other messages, for records
 * built in code, and when the data is not compact or not an object: serialise `record.data` then.
 */
export function rawRecordData(message: AirbyteMessage): string | undefined {
  const line = (message as { [SOURCE_LINE]?: string })[SOURCE_LINE];
  if (line === undefined) return undefined;
  dataStart = -1;
  dataEnd = -1;
  // One pass over the envelope; the last member of a name wins, as in JSON.parse.
  if (scanObject(line, skipWs(line, 0), 1) < 0 || dataStart < 0) return undefined;
  return line.slice(dataStart, dataEnd);
}

/** The span of record.data found by scanObject. */
let dataStart = -1;
let dataEnd = -1;

/**
 * Scan the object whose `{` is at `at` and return the index after its `}`, or -1 when the line is not
 * in a shape the fast path takes. Level 1 is the envelope (looks for `record`), level 2 the record
 * (looks for `data`, which must be a compact object).
 */
function scanObject(s: string, at: number, level: 1 | 2): number {
  if (s.charCodeAt(at) !== 123) return -1;
  const key = level === 1 ? 'record' : 'data';
  let i = skipWs(s, at + 1);
  if (s.charCodeAt(i) === 125) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) !== 34) return -1;
    const keyEnd = stringEnd(s, i);
    if (keyEnd < 0) return -1;
    const match = keyEnd - i - 2 === key.length && s.startsWith(key, i + 1);
    // An escaped member name might spell the key: leave such lines to the fallback.
    if (!match) for (let k = i + 1; k < keyEnd - 1; k++) if (s.charCodeAt(k) === 92) return -1;
    i = skipWs(s, keyEnd);
    if (s.charCodeAt(i) !== 58) return -1;
    i = skipWs(s, i + 1);
    let end: number;
    if (match && level === 1) {
      dataStart = -1;
      dataEnd = -1;
      end = s.charCodeAt(i) === 123 ? scanObject(s, i, 2) : skipValue(s, i, false);
    } else if (match) {
      end = s.charCodeAt(i) === 123 ? skipValue(s, i, true) : -1;
      dataStart = i;
      dataEnd = end;
    } else {
      end = skipValue(s, i, false);
    }
    if (end < 0) return -1;
    i = skipWs(s, end);
    const c = s.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 44) return -1;
    i = skipWs(s, i + 1);
  }
}

function skipWs(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
  return i;
}

/** The index just after the string starting at `i` (a `"`), or -1. */
function stringEnd(s: string, i: number): number {
  let q = s.indexOf('"', i + 1);
  while (q !== -1) {
    let b = q - 1;
    while (s.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    q = s.indexOf('"', q + 1);
  }
  return -1;
}

/**
 * The index just after the value starting at `i`, or -1 when `compact` and it holds whitespace outside
 * strings (or when it is malformed, which cannot happen for a line JSON.parse accepted).
 */
function skipValue(s: string, i: number, compact: boolean): number {
  const first = s.charCodeAt(i);
  if (first === 34) return stringEnd(s, i);
  if (first !== 123 && first !== 91) {
    // A number or literal: runs to the next delimiter.
    let c = first;
    while (i < s.length && c !== 44 && c !== 125 && c !== 93 && c !== 32 && c !== 9 && c !== 10 && c !== 13)
      c = s.charCodeAt(++i);
    return i;
  }
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      const e = stringEnd(s, i);
      if (e < 0) return -1;
      i = e - 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
    } else if (compact && (c === 32 || c === 9 || c === 10 || c === 13)) return -1;
  }
  return -1;
}
