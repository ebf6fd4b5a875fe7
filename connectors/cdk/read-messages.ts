import type { ConnectorLogger } from './logger';
import { MESSAGE_TYPES, type AirbyteMessage } from './protocol';

const KNOWN = new Set<string>(MESSAGE_TYPES);

export interface ReadMessagesStats {
  /** Lines that parsed into protocol messages. */
  messages: number;
  /** Lines skipped: not JSON, or JSON that is not an Airbyte message. */
  skipped: number;
}

/**
 * Parse a stream of JSON lines (a destination's stdin) into protocol messages. Lines that are not JSON
 * or not protocol messages are logged (the first ten, shortened), counted in `stats` and skipped, as the
 * Python CDK does. Blank lines are ignored silently.
 */
export async function* readMessages(
  input: NodeJS.ReadableStream,
  logger: ConnectorLogger,
  stats: ReadMessagesStats = { messages: 0, skipped: 0 },
): AsyncGenerator<AirbyteMessage> {
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

  input.setEncoding?.('utf8');
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const m = parse(text.slice(start, end));
      if (m) yield m;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (rest.length) {
    const m = parse(rest);
    if (m) yield m;
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
