import type { AirbyteMessage } from './protocol';

export interface MessageWriterOptions {
  /** Bytes buffered before a write to the underlying stream (default 64 KiB). */
  batchBytes?: number;
  /** Applied to LOG and TRACE messages before they are written (secret redaction). */
  redact?: (text: string) => string;
}

/**
 * Writes protocol messages, one JSON object per line, to a stream (stdout). Lines are batched into
 * chunks of about `batchBytes`; when the stream's buffer is full the returned promise waits for
 * `drain`, so a slow reader slows the producer down instead of growing memory.
 *
 * Hot path: `write()` returns `undefined` when no wait is needed, so callers do
 * `const p = w.write(m); if (p) await p;` and pay for a promise only when the pipe is full.
 */
export class MessageWriter {
  private pending: string[] = [];
  private pendingBytes = 0;
  private readonly batchBytes: number;
  private readonly redact?: (text: string) => string;
  private readonly recordPrefixes = new Map<string, string>();
  private closed = false;
  /** Messages written so far, by type (for summaries and tests). */
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly out: NodeJS.WritableStream,
    options: MessageWriterOptions = {},
  ) {
    this.batchBytes = options.batchBytes ?? 64 * 1024;
    this.redact = options.redact;
  }

  write(message: AirbyteMessage): Promise<void> | undefined {
    let line = JSON.stringify(message);
    if (this.redact && (message.type === 'LOG' || message.type === 'TRACE')) line = this.redact(line);
    this.counts[message.type] = (this.counts[message.type] ?? 0) + 1;
    return this.writeLine(line);
  }

  /**
   * A RECORD without building the envelope object: the stream part of the line is serialised once per
   * stream, the data once per record.
   */
  writeRecord(
    stream: string,
    data: unknown,
    emittedAt: number,
    namespace?: string | null,
  ): Promise<void> | undefined {
    const key = namespace ? `${namespace}\u0000${stream}` : stream;
    let prefix = this.recordPrefixes.get(key);
    if (prefix === undefined) {
      prefix =
        `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)}` +
        (namespace ? `,"namespace":${JSON.stringify(namespace)}` : '') +
        ',"data":';
      this.recordPrefixes.set(key, prefix);
    }
    this.counts.RECORD = (this.counts.RECORD ?? 0) + 1;
    return this.writeLine(`${prefix}${JSON.stringify(data)},"emitted_at":${emittedAt}}}`);
  }

  /** Append one already-serialised line (no trailing newline). */
  writeLine(line: string): Promise<void> | undefined {
    if (this.closed) throw new Error('MessageWriter: write after close');
    this.pending.push(line);
    this.pendingBytes += line.length + 1;
    if (this.pendingBytes >= this.batchBytes) return this.flush();
    return undefined;
  }

  /** Write what is buffered; resolves once the stream can take more. */
  flush(): Promise<void> | undefined {
    if (this.pending.length === 0) return undefined;
    const chunk = this.pending.join('\n') + '\n';
    this.pending = [];
    this.pendingBytes = 0;
    const ok = this.out.write(chunk);
    if (ok) return undefined;
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        cleanup();
        resolve();
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const onClose = () => {
        cleanup();
        reject(new Error('stdout closed before all messages were written'));
      };
      const cleanup = () => {
        this.out.removeListener('drain', onDrain);
        this.out.removeListener('error', onError);
        this.out.removeListener('close', onClose);
      };
      this.out.once('drain', onDrain);
      this.out.once('error', onError);
      this.out.once('close', onClose);
    });
  }

  /** Flush everything and stop accepting messages. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}
