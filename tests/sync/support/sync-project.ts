/** A temporary project with a learnflow.yml, and the real `learnflow` CLI run on it as a child process. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Target } from './lakehouse-targets';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const TEST_SOURCE = path.join(ROOT, 'tests', 'sync', 'fixtures', 'test-source.js');
const BIN = path.join(ROOT, 'bin', 'learnflow');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function writeConfig(target: Target, connections: Record<string, unknown>): string {
  const settings =
    target.settings.engine === 'postgres' ? { engine: 'postgres', url: '${LAKEHOUSE_URL}' } : target.settings;
  const file = path.join(target.dir, 'learnflow.yml');
  fs.writeFileSync(file, yaml.dump({ version: 1, lakehouse: settings, connections }));
  return file;
}

/** The environment a run needs (the PostgreSQL URL is passed as a secret, as a user would). */
export function targetEnv(target: Target): Record<string, string> {
  return target.settings.engine === 'postgres' ? { LAKEHOUSE_URL: target.settings.url } : {};
}

export function learnflow(target: Target, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: target.dir,
      env: { ...process.env, ...targetEnv(target), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** A connection of the test source with its three streams. */
export function testConnection(config: Record<string, unknown>, destination: Record<string, unknown> = {}) {
  return {
    source: { command: ['node', TEST_SOURCE], config },
    streams: [
      { name: 'courses', destination_sync_mode: 'append_dedup' },
      { name: 'enrollments', destination_sync_mode: 'append' },
      { name: 'programs', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' },
    ],
    destination: { connector: 'destination-lakehouse', config: destination },
  };
}

/** The typed tables' contents without the per-run metadata (raw ids, timestamps). */
export async function snapshot(target: Target, source = 'demo'): Promise<Record<string, unknown[]>> {
  return {
    courses: await target.query(
      `SELECT id, seq, title, price, CAST(tags AS VARCHAR) AS tags FROM raw.raw__${source}__courses ORDER BY id`,
    ),
    enrollments: await target.query(
      `SELECT seq, course_id FROM raw.raw__${source}__enrollments ORDER BY seq`,
    ),
    programs: await target.query(`SELECT id, name FROM raw.raw__${source}__programs ORDER BY id`),
  };
}
