import zlib from 'node:zlib';
import tar from 'tar-stream';

/** A `.tar.gz` of the given files (path → bytes), in order, for tests, fixtures and the benchmark. */
export async function makeTarGz(files: Array<[string, Buffer | string]>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of files) {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    pack.entry({ name, size: data.length, mtime: new Date('2026-01-01T00:00:00Z') }, data);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}
