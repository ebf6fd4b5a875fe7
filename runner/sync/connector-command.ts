/**
 * How to start a connector as a child process: a registered connector (connectors/registry.ts) runs its
 * entry module with Node (TypeScript through tsx from a checkout); a `command` runs as written.
 */
import path from 'node:path';
import { connectorEntryPath, connectorRegistry, findConnector } from '../../connectors/registry';
import { ConfigError } from '../common/errors';
import type { ConnectorRef } from '../config/learnflow-config';

export interface ConnectorCommand {
  /** For messages: the connector's name or its command. */
  label: string;
  file: string;
  args: string[];
  cwd: string;
}

export function connectorCommand(
  ref: ConnectorRef,
  kind: 'source' | 'destination',
  where: string,
  baseDir: string,
): ConnectorCommand {
  if (ref.command?.length) {
    const [file, ...args] = ref.command;
    const resolved = file.includes('/') && !path.isAbsolute(file) ? path.resolve(baseDir, file) : file;
    return { label: ref.command.join(' '), file: resolved, args, cwd: baseDir };
  }
  const name = ref.connector ?? '';
  const reg = findConnector(name);
  if (!reg || reg.kind !== kind) {
    const known = connectorRegistry.filter((c) => c.kind === kind).map((c) => c.name);
    throw new ConfigError(`no ${kind} connector named '${name}'`, {
      where,
      hint: `registered ${kind}s: ${known.join(', ') || '(none)'}; or give a 'command'`,
    });
  }
  const entry = connectorEntryPath(reg);
  const args = entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs'), entry] : [entry];
  return { label: name, file: process.execPath, args, cwd: baseDir };
}
