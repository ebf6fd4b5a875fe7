/**
 * How to start a connector as a child process: a registered connector (connectors/registry.ts) runs its
 * entry module with Node (from a checkout, bundled once by esbuild, or through tsx when that is not
 * possible); a `command` runs as written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connectorBundle } from './connector-bundle';
import { connectorEntryPath, connectorRegistry, findConnector } from '../../connectors/registry';
import { ConfigError } from '../common/errors';
import type { ConnectorRef } from '../config/learnflow-config';

export interface ConnectorCommand {
  /** For messages: the connector's name or its command. */
  label: string;
  file: string;
  args: string[];
  cwd: string;
  /** Identifies the connector's code, for the catalog cache (a bundle's hash, a build's mtime). */
  fingerprint?: string;
}

export function connectorCommand(
  ref: ConnectorRef,
  kind: 'source' | 'destination',
  where: string,
  baseDir: string,
  onNote?: (msg: string) => void,
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
  const compiled = !entry.endsWith('.ts');
  const bundle = compiled ? undefined : connectorBundle(entry, onNote);
  return {
    label: name,
    file: process.execPath,
    args: compiled ? [entry] : bundle ? [bundle.file] : ['--require', require.resolve('tsx/cjs'), entry],
    cwd: baseDir,
    fingerprint: compiled ? `${entry}@${fs.statSync(entry).mtimeMs}` : bundle?.hash,
  };
}
