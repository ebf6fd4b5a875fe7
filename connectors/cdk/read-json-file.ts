import fs from 'node:fs';
import { ConfigurationError } from './errors';

/**
 * Read a JSON file given on the command line (`config`, `catalog`, `state`). Every failure is a
 * ConfigurationError naming the file and what is wrong: missing, unreadable, empty, or not JSON
 * (with the parser's position). File contents never appear in the message (they may hold secrets).
 */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'is not readable (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory, not a file'
            : `cannot be read (${code ?? (e as Error).message})`;
    throw new ConfigurationError(`the ${what} file ${why}`, { where: file });
  }
  if (!text.trim()) throw new ConfigurationError(`the ${what} file is empty`, { where: file });
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message.replace(/ in JSON at position/, ' at position');
    // Keep the parser's position but not the excerpt of the file it may quote.
    const position = /position (\d+)/.exec(detail)?.[1];
    throw new ConfigurationError(
      `the ${what} file is not valid JSON${position ? ` (syntax error at character ${position})` : ''}`,
      { where: file },
    );
  }
}
