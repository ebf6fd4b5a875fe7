import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = path.join(__dirname, '..', 'bin', 'learnflow');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('learnflow CLI', () => {
  test('--version prints the package version and exits 0', () => {
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(require('../package.json').version);
  });

  test('no command is a usage error: exit 2 with a hint', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/learnflow --help/);
  });

  test('--help lists the usage and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/learnflow <command>/);
  });
});
