import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../common/logger';

/** Write one JSON artifact into target/, with every registered secret removed. */
export function writeArtifact(targetDir: string, name: string, value: unknown, logger: Logger): string {
  fs.mkdirSync(targetDir, { recursive: true });
  const file = path.join(targetDir, name);
  fs.writeFileSync(file, logger.redact(JSON.stringify(value)));
  return file;
}

export function readArtifact<T>(dir: string, name: string): T | undefined {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
