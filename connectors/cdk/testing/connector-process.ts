import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AirbyteMessage } from '../protocol';

/** What one run of a connector child process produced. */
export interface ConnectorRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  messages: AirbyteMessage[];
  /** stdout lines that were not JSON protocol messages (a protocol violation). */
  badLines: string[];
  stdout: string;
  stderr: string;
}

export interface RunConnectorOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed. */
  stdin?: string;
  /** Kill the child after this long (default 60 s). */
  timeoutMs?: number;
}

/**
 * Run a connector entry point as a real child process: `node <entry> <args>`. TypeScript entries run
 * through tsx's CommonJS hook, as `bin/learnflow` does from a checkout; `.js` entries run as they are
 * (a build, the Docker image).
 */
export function runConnector(
  entry: string,
  args: string[],
  options: RunConnectorOptions = {},
): Promise<ConnectorRun> {
  const nodeArgs = entry.endsWith('.ts')
    ? ['--require', require.resolve('tsx/cjs'), entry, ...args]
    : [entry, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: options.cwd,
      env: { ...process.env, ...(options.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const messages: AirbyteMessage[] = [];
      const badLines: string[] = [];
      for (const line of stdout.split('\n')) {
        if (!line) continue;
        try {
          const m = JSON.parse(line) as AirbyteMessage;
          if (typeof m === 'object' && m !== null && typeof m.type === 'string') messages.push(m);
          else badLines.push(line);
        } catch {
          badLines.push(line);
        }
      }
      resolve({
        args,
        code,
        signal,
        messages,
        badLines,
        stdout,
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** Write a JSON file in `dir` and return its path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** The messages of one type, with their payloads typed. */
export function ofType<T extends AirbyteMessage['type']>(
  messages: AirbyteMessage[],
  type: T,
): Extract<AirbyteMessage, { type: T }>[] {
  return messages.filter((m): m is Extract<AirbyteMessage, { type: T }> => m.type === type);
}
