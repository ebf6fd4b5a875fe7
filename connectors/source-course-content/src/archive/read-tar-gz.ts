import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';

/** A regular file of an archive. `bytes` is absent when the file is over the size limit. */
export interface ArchiveFile {
  path: string;
  size: number;
  /** md5 of the whole file (computed even when the bytes are not kept). */
  md5: string;
  bytes?: Buffer;
}

/** The archive could not be read (not gzip, not tar, truncated). */
export class CorruptArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptArchiveError';
  }
}

/**
 * Read a `.tar.gz` (gunzip with node:zlib, untar with tar-stream): the regular files that `wanted`
 * accepts, each with its md5, and its bytes when it is at most `maxBytes` long (larger files are
 * hashed as they stream past and not kept).
 */
export async function readTarGz(
  archive: Buffer,
  wanted: (path: string) => boolean,
  maxBytes: number,
): Promise<ArchiveFile[]> {
  const files: ArchiveFile[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    if (header.type !== 'file' || !wanted(name)) {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    const hash = crypto.createHash('md5');
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: unknown) => {
      if (!Buffer.isBuffer(c)) return;
      hash.update(c);
      size += c.length;
      if (size <= maxBytes) chunks.push(c);
    });
    stream.on('end', () => {
      files.push({
        path: name,
        size,
        md5: hash.digest('hex'),
        ...(size <= maxBytes ? { bytes: Buffer.concat(chunks) } : {}),
      });
      next();
    });
    stream.on('error', next);
  });
  try {
    await pipeline(Readable.from([archive]), zlib.createGunzip(), extract);
  } catch (e) {
    throw new CorruptArchiveError((e as Error).message || String(e));
  }
  return files;
}
