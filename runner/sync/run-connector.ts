/** Run a connector command to completion and collect its protocol messages (spec, check, discover). */
import { spawn } from 'node:child_process';
import type { AirbyteMessage } from '../../connectors/cdk/protocol';
import type { ConnectorCommand } from './connector-command';
import { onLines } from './line-reader';

export interface ConnectorResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  messages: AirbyteMessage[];
  stderrTail: string[];
}

export function keepTail(lines: string[], line: string, max = 20): void {
  lines.push(line);
  if (lines.length > max) lines.shift();
}

export async function runConnectorCommand(cmd: ConnectorCommand, args: string[]): Promise<ConnectorResult> {
  const child = spawn(cmd.file, [...cmd.args, ...args], { cwd: cmd.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const messages: AirbyteMessage[] = [];
  const stderrTail: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  await Promise.all([
    onLines(child.stdout, (line) => {
      try {
        const m = JSON.parse(line) as AirbyteMessage;
        if (m && typeof m === 'object' && typeof m.type === 'string') messages.push(m);
      } catch (_e) {
        keepTail(stderrTail, line);
      }
    }),
    onLines(child.stderr, (line) => keepTail(stderrTail, line)),
  ]);
  return { ...(await exited), messages, stderrTail };
}
