import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MESSAGE_TYPES, type AirbyteMessage } from '../connectors/cdk/protocol';
import { startReplayServer, type ReplayServer } from '../connectors/cdk/testing/replay-server';
import { mitxonlineReplayRoutes } from '../connectors/source-mitxonline/src/replay-routes';
import { tempDir } from './support/tmp';

const bin = path.join(__dirname, '..', 'bin', 'learnflow');

function learnflow(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every stdout line must be one JSON protocol message. */
function protocol(stdout: string): AirbyteMessage[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = JSON.parse(line) as AirbyteMessage;
      expect(MESSAGE_TYPES).toContain(m.type);
      return m;
    });
}

let server: ReplayServer;
let tmp: { dir: string; cleanup: () => void };
beforeAll(async () => {
  server = await startReplayServer(mitxonlineReplayRoutes());
  tmp = tempDir('connector-cli-');
  fs.writeFileSync(
    path.join(tmp.dir, 'config.json'),
    JSON.stringify({ base_url: server.url, api_key: 'cli-key-5521' }),
  );
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

test('learnflow connector source-mitxonline spec | check | discover | read prints valid protocol messages', async () => {
  const spec = await learnflow(['connector', 'source-mitxonline', 'spec'], tmp.dir);
  expect(spec.code).toBe(0);
  expect(protocol(spec.stdout).map((m) => m.type)).toEqual(['SPEC']);

  const check = await learnflow(
    ['connector', 'source-mitxonline', 'check', '--config', 'config.json'],
    tmp.dir,
  );
  expect(check.code).toBe(0);
  expect(protocol(check.stdout)).toEqual([
    { type: 'CONNECTION_STATUS', connectionStatus: { status: 'SUCCEEDED' } },
  ]);

  const discover = await learnflow(
    ['connector', 'source-mitxonline', 'discover', '--config', 'config.json'],
    tmp.dir,
  );
  expect(discover.code).toBe(0);
  const [cat] = protocol(discover.stdout);
  if (cat.type !== 'CATALOG') throw new Error('expected a CATALOG');
  expect(cat.catalog.streams.map((s) => s.name)).toEqual(['courses', 'programs', 'program_courses']);

  fs.writeFileSync(
    path.join(tmp.dir, 'catalog.json'),
    JSON.stringify({
      streams: cat.catalog.streams.map((stream) => ({
        stream,
        sync_mode: 'full_refresh',
        destination_sync_mode: 'overwrite',
      })),
    }),
  );
  const read = await learnflow(
    ['connector', 'source-mitxonline', 'read', '--config', 'config.json', '--catalog', 'catalog.json'],
    tmp.dir,
  );
  expect([read.code, read.stderr.includes('ERROR')]).toEqual([0, false]);
  const messages = protocol(read.stdout);
  const counts: Record<string, number> = {};
  for (const m of messages)
    if (m.type === 'RECORD') counts[m.record.stream] = (counts[m.record.stream] ?? 0) + 1;
  expect(counts).toEqual({ courses: 3, programs: 2, program_courses: 3 });
  expect(messages.filter((m) => m.type === 'STATE')).toHaveLength(6);
  expect(read.stdout + read.stderr).not.toContain('cli-key-5521');
});

test('an unknown connector or an operation the connector lacks is a usage error (exit 2)', async () => {
  const unknown = await learnflow(['connector', 'source-nowhere', 'spec'], tmp.dir);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown connector 'source-nowhere'/);
  const wrong = await learnflow(['connector', 'source-mitxonline', 'write'], tmp.dir);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/no 'write' operation/);
});
