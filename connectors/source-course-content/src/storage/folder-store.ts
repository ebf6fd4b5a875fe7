import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../../../cdk';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store';

/** A local folder laid out like the bucket (keys are `/`-separated paths under it); etags are md5s. */
export class FolderStore implements ObjectStore {
  readonly location: string;

  constructor(
    private readonly root: string,
    private readonly field: string,
  ) {
    this.location = root;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    if (!fs.existsSync(this.root) || !fs.statSync(this.root).isDirectory()) {
      throw new ConfigurationError(`'${this.root}' is not a folder`, { where: this.field });
    }
    const out: StoredObject[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.isFile()) {
          const key = path.relative(this.root, full).split(path.sep).join('/');
          if (!key.startsWith(prefix)) continue;
          const st = fs.statSync(full);
          const etag = crypto.createHash('md5').update(fs.readFileSync(full)).digest('hex');
          out.push({ key, size: st.size, lastModified: st.mtime.toISOString(), etag });
        }
      }
    };
    walk(this.root);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async get(key: string): Promise<Buffer> {
    const full = path.resolve(this.root, ...key.split('/'));
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new ObjectNotFoundError(key);
    try {
      return fs.readFileSync(full);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFoundError(key);
      throw e;
    }
  }
}
