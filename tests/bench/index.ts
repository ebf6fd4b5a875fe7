/**
 * `npm run bench -- <name> [<name>...]`: runs the named benchmarks (all when none is named) and prints
 * their figures. Each benchmark is a module `tests/bench/<name>.ts` exporting `run()`.
 */
import fs from 'node:fs';
import path from 'node:path';

type Figures = Record<string, number | string>;

async function main(): Promise<void> {
  const available = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = asked.length ? asked : available;
  for (const name of names) {
    if (!available.includes(name)) {
      process.stderr.write(`unknown benchmark '${name}'; available: ${available.join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
  }
  for (const name of names) {
    const mod = (await import(path.join(__dirname, name))) as { run: () => Promise<Figures> };
    process.stdout.write(`\n== bench ${name}\n`);
    const figures = await mod.run();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k}: ${v}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
