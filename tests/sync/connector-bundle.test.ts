/**
 * Registered connectors run from the TypeScript checkout start from an esbuild bundle, rebuilt when a file
 * it was built from changes; the bundle is a working connector.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { connectorEntryPath, connectorRegistry } from '../../connectors/registry';
import { connectorBundle } from '../../runner/sync/connector-bundle';
import { connectorCommand } from '../../runner/sync/connector-command';
import { tempDir } from '../support/tmp';

test('a registered source starts from its bundle, which answers spec like the TypeScript entry', () => {
  const cmd = connectorCommand({ connector: 'source-mitxonline' }, 'source', 'test', process.cwd());
  expect(cmd.args).toHaveLength(1);
  expect(cmd.args[0]).toMatch(
    /node_modules[\\/]\.cache[\\/]learnflow[\\/]connectors[\\/].*mitxonline.*\.js$/,
  );
  expect(cmd.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  const out = execFileSync(cmd.file, [...cmd.args, 'spec'], { encoding: 'utf8' });
  const spec = JSON.parse(out.trim().split('\n').at(-1) as string);
  expect(spec.type).toBe('SPEC');
  expect(spec.spec.connectionSpecification.properties).toHaveProperty('base_url');
});

test('every registered connector bundles (none falls back to tsx)', () => {
  for (const c of connectorRegistry) {
    const notes: string[] = [];
    const bundle = connectorBundle(connectorEntryPath(c), (m) => notes.push(m));
    expect([c.name, notes]).toEqual([c.name, []]);
    expect(bundle?.hash).toMatch(/^[0-9a-f]{64}$/);
  }
});

test('the bundle is rebuilt when a file it was built from changes, and only then', () => {
  const { dir, cleanup } = tempDir('learnflow-bundle-');
  const made: string[] = [];
  try {
    const entry = path.join(dir, 'index.ts');
    const part = path.join(dir, 'part.ts');
    fs.writeFileSync(entry, "import { word } from './part';\nprocess.stdout.write(word);\n");
    fs.writeFileSync(part, "export const word: string = 'one';\n");
    const first = connectorBundle(entry);
    expect(first).toBeDefined();
    made.push(first!.file, first!.file.replace(/\.js$/, '.meta.json'));
    expect(execFileSync(process.execPath, [first!.file], { encoding: 'utf8' })).toBe('one');
    const builtAt = fs.statSync(first!.file).mtimeMs;

    expect(connectorBundle(entry)).toEqual(first);
    expect(fs.statSync(first!.file).mtimeMs).toBe(builtAt);

    fs.writeFileSync(part, "export const word: string = 'two!';\n");
    const second = connectorBundle(entry);
    expect(second!.hash).not.toBe(first!.hash);
    expect(execFileSync(process.execPath, [second!.file], { encoding: 'utf8' })).toBe('two!');

    process.env.LEARNFLOW_CONNECTOR_BUNDLE = '0';
    expect(connectorBundle(entry)).toBeUndefined();
  } finally {
    delete process.env.LEARNFLOW_CONNECTOR_BUNDLE;
    for (const f of made) fs.rmSync(f, { force: true });
    cleanup();
  }
});

test('a bundle that cannot be built falls back to tsx, saying why', () => {
  const { dir, cleanup } = tempDir('learnflow-bundle-');
  try {
    const entry = path.join(dir, 'broken.ts');
    fs.writeFileSync(entry, "import { nothing } from './missing';\nconsole.log(nothing);\n");
    const notes: string[] = [];
    expect(connectorBundle(entry, (m) => notes.push(m))).toBeUndefined();
    expect(notes.join('\n')).toMatch(/through tsx \(no bundle: .*missing/s);
  } finally {
    cleanup();
  }
});
