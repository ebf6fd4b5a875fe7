/**
 * COPY text encoded into buffers of about 1 MiB as lines come: the data waits for its COPY off the JS heap,
 * and no long concatenated string is ever flattened.
 */
const SIZE = 1 << 20;

export class CopyChunks {
  private readonly done: Buffer[] = [];
  private buf = Buffer.allocUnsafe(0);
  private at = 0;

  push(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.at + line.length * 3 > this.buf.length) {
      this.seal();
      this.buf = Buffer.allocUnsafe(Math.max(SIZE, line.length * 3));
    }
    this.at += this.buf.write(line, this.at);
  }

  /** All the text so far, in order; the object is empty afterwards. */
  take(): Buffer[] {
    this.seal();
    this.buf = Buffer.allocUnsafe(0);
    return this.done.splice(0);
  }

  private seal(): void {
    if (this.at > 0) this.done.push(this.buf.subarray(0, this.at));
    this.at = 0;
  }
}
