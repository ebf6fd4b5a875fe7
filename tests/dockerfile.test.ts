/**
 * There is no Docker engine here, so this test reads the Dockerfile the way the Airbyte platform and
 * its acceptance tests look at an image (labels, AIRBYTE_ENTRYPOINT, ENTRYPOINT, user), checks them
 * against every connector in the registry, then lays out the image's /app in a temporary folder
 * (every connector's modules compiled to JavaScript, as the build stage does) and runs the ENTRYPOINT
 * command itself: `spec` must print the connector's SPEC with no network and no source tree.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectorRegistry } from '../connectors/registry';
import { compileConnectors } from './support/compile-connectors';

const root = path.join(__dirname, '..');

interface Instruction {
  op: string;
  args: string;
}

/** Instructions of the Dockerfile (continuations joined, comments dropped), split into stages. */
function parseDockerfile(text: string): Instruction[][] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: Instruction[][] = [[]];
  for (const line of lines) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\w+)\s+(.*)$/.exec(t);
    if (!m) continue;
    const ins = { op: m[1].toUpperCase(), args: m[2].trim() };
    if (ins.op === 'FROM') stages.push([]);
    stages[stages.length - 1].push(ins);
  }
  return stages.filter((s) => s.length);
}

/** `k=v k2="v 2"` pairs of LABEL and ENV. */
function pairs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of args.matchAll(/([\w.-]+)=("((?:[^"\\]|\\.)*)"|\S+)/g)) out[m[1]] = m[3] ?? m[2];
  return out;
}

const substitute = (s: string, vars: Record<string, string>) =>
  s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => vars[a ?? b] ?? '');

const stages = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
const final = stages[stages.length - 1];
const all = (op: string) => final.filter((i) => i.op === op);
const labels = Object.assign({}, ...all('LABEL').map((i) => pairs(i.args))) as Record<string, string>;
const env = Object.assign({}, ...all('ENV').map((i) => pairs(i.args))) as Record<string, string>;
const entrypoint = JSON.parse(all('ENTRYPOINT').at(-1)?.args ?? 'null') as string[];
const runs = all('RUN').map((i) => i.args);

test('multi-stage, with build arguments naming the connector and its version', () => {
  expect(stages.length).toBeGreaterThanOrEqual(2);
  expect(all('ARG').map((i) => i.args)).toEqual(expect.arrayContaining(['CONNECTOR', 'VERSION']));
  const build = stages.find((s) => s[0].op === 'FROM' && /\sAS\s+build$/i.test(s[0].args));
  expect(build?.some((i) => i.op === 'RUN' && /tsc -p tsconfig\.build\.json/.test(i.args))).toBe(true);
  expect(final.some((i) => i.op === 'COPY' && /--from=/.test(i.args))).toBe(true);
});

test('AIRBYTE_ENTRYPOINT equals the exec-form ENTRYPOINT, with absolute paths', () => {
  expect(Array.isArray(entrypoint)).toBe(true);
  expect(env.AIRBYTE_ENTRYPOINT).toBe(entrypoint.join(' '));
  for (const part of entrypoint) expect(path.posix.isAbsolute(part)).toBe(true);
});

test('runs as a non-root user with a writable /airbyte', () => {
  const user = all('USER').at(-1)?.args;
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);
  expect(runs.some((r) => /mkdir -p \/airbyte/.test(r) && new RegExp(`chown ${user}`).test(r))).toBe(true);
});

test('the .dockerignore keeps node_modules, dist and tests out of the build context', () => {
  const ignored = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '**/*.test.ts']));
});

// The build stage, once: connectors/ and shared-schema/ compiled to <tmp>/dist.
let built: string | undefined;
function compiled(): string {
  if (!built) {
    built = fs.mkdtempSync(path.join(os.tmpdir(), 'image-build-'));
    compileConnectors(built);
  }
  return built;
}
afterAll(() => {
  if (built) fs.rmSync(built, { recursive: true, force: true });
});

describe.each(connectorRegistry.map((c) => [c.name, c] as const))('image of %s', (name, c) => {
  const connector = c.load();
  const vars = { CONNECTOR: name, VERSION: connector.version };

  test('labels name the connector and its version; the entry follows the layout the image links', () => {
    expect(connector.name).toBe(name);
    expect(substitute(labels['io.airbyte.name'], vars)).toBe(`learnflow/${name}`);
    expect(substitute(labels['io.airbyte.version'], vars)).toBe(connector.version);
    expect(c.entry).toBe(`${name}/src/index`);
    const link = runs.map((r) => /ln -s "?([^"\s]+)"? (\S+)/.exec(substitute(r, vars))).find(Boolean);
    expect(link?.[2]).toBe(entrypoint[1]);
    expect(link?.[1]).toBe(`/app/dist/connectors/${c.entry}.js`);
    expect(fs.existsSync(path.join(root, 'connectors', `${c.entry}.ts`))).toBe(true);
  });

  test('the ENTRYPOINT command runs `spec` from a compiled /app, offline', () => {
    // The image's /app: the compiled tree (built once for all connectors) and this connector's link.
    const app = fs.mkdtempSync(path.join(os.tmpdir(), `image-${name}-`));
    try {
      for (const entry of ['dist', 'node_modules', 'package.json']) {
        fs.symlinkSync(path.join(compiled(), entry), path.join(app, entry));
      }
      const [target, linkName] = [`/app/dist/connectors/${c.entry}.js`, entrypoint[1]];
      fs.symlinkSync(
        path.join(app, target.slice('/app/'.length)),
        path.join(app, linkName.slice('/app/'.length)),
      );
      const airbyteHome = path.join(app, 'airbyte');
      fs.mkdirSync(airbyteHome);
      // The ENTRYPOINT, with /app mapped to the folder and node to this node.
      const args = entrypoint.slice(1).map((a) => (a.startsWith('/app/') ? path.join(app, a.slice(5)) : a));
      const r = spawnSync(process.execPath, [...args, 'spec'], {
        cwd: airbyteHome,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          HTTP_PROXY: 'http://127.0.0.1:9',
          HTTPS_PROXY: 'http://127.0.0.1:9',
        },
      });
      expect([r.status, r.stderr]).toEqual([0, '']);
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const msg = JSON.parse(lines[0]) as { type: string; spec: unknown };
      expect(msg.type).toBe('SPEC');
      expect(msg.spec).toEqual(JSON.parse(JSON.stringify(connector.spec())));
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
