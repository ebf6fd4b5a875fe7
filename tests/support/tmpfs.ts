/**
 * Small tmpfs mounts for the full-disk tests. Mounting needs root (CAP_SYS_ADMIN); where it is not
 * possible, `tmpfsUnavailable` says why and the tests skip with that reason printed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function errorText(e: unknown): string {
  const err = e as { stderr?: Buffer | string; message?: string };
  const stderr = err.stderr ? String(err.stderr).trim() : '';
  return stderr || err.message || String(e);
}

let probed: string | null | undefined;

/** Why a tmpfs cannot be mounted here, or null when it can (probed once with a 1 MiB mount). */
export function tmpfsUnavailable(): string | null {
  if (probed !== undefined) return probed;
  if (process.platform !== 'linux') return (probed = `tmpfs mounts need Linux (this is ${process.platform})`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return (probed = 'mounting a tmpfs needs root (CAP_SYS_ADMIN); these tests run as a non-root user');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learnflow-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1M', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    probed = null;
  } catch (e) {
    probed = `cannot mount a tmpfs (${errorText(e)})`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return probed;
}

export interface Tmpfs {
  dir: string;
  /** Bytes free on the mount now. */
  free(): number;
  /** Fill the mount with a file until only about `leave` bytes are free; returns the file. */
  fill(leave: number, name?: string): string;
  unmount(): void;
}

export function mountTmpfs(sizeBytes: number, prefix = 'learnflow-tmpfs-'): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  const free = () => {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    fill(leave, name = 'filler') {
      const file = path.join(dir, name);
      const n = Math.max(0, free() - leave);
      const fd = fs.openSync(file, 'a');
      try {
        const chunk = Buffer.alloc(Math.min(n, 1 << 20) || 1, 1);
        for (let done = 0; done < n;) {
          const len = Math.min(chunk.length, n - done);
          done += fs.writeSync(fd, chunk, 0, len);
        }
      } finally {
        fs.closeSync(fd);
      }
      return file;
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
