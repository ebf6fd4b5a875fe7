import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '..', '..');

/**
 * Compile `connectors/` and `shared-schema/` to CommonJS under `<app>/dist/` (JSON files copied, tests
 * and fixtures left out) and link the repo's node_modules: the layout of the Docker image's /app,
 * without type checking so that it does not depend on the rest of the tree being mid-edit.
 */
export function compileConnectors(app: string): void {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    resolveJsonModule: true,
  };
  for (const folder of ['connectors', 'shared-schema']) {
    const src = path.join(root, folder);
    if (!fs.existsSync(src)) continue;
    for (const rel of fs.readdirSync(src, { recursive: true }) as string[]) {
      const from = path.join(src, rel);
      if (!fs.statSync(from).isFile() || rel.split(path.sep).some((p) => p === 'tests' || p === 'fixtures'))
        continue;
      const to = path.join(app, 'dist', folder, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      if (rel.endsWith('.json')) fs.copyFileSync(from, to);
      else if (rel.endsWith('.ts') && !rel.endsWith('.test.ts')) {
        const out = ts.transpileModule(fs.readFileSync(from, 'utf8'), {
          compilerOptions: options,
          fileName: from,
        });
        fs.writeFileSync(to.replace(/\.ts$/, '.js'), out.outputText);
      }
    }
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
}
