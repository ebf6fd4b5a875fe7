/**
 * A registered connector run from the TypeScript checkout starts through tsx, which costs about as much
 * CPU as a small sync itself. Bundled once with esbuild into one JavaScript file (kept in
 * node_modules/.cache/learnflow, rebuilt when any file it was built from changes), it starts in about
 * half the time. A compiled tree (dist/) runs its own .js files and needs none of this.
 * LEARNFLOW_CONNECTOR_BUNDLE=0 turns it off; any failure falls back to tsx.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'learnflow', 'connectors');

/** Native or dynamically imported packages stay outside the bundle (resolved from node_modules). */
const EXTERNAL = ['@duckdb/*', 'unpdf', 'pg-native'];

export interface ConnectorBundle {
  file: string;
  /** sha256 of the bundle: changes whenever the connector's code does. */
  hash: string;
}

interface BundleMeta {
  entry: string;
  hash: string;
  inputs: { path: string; mtimeMs: number; size: number }[];
}

function fresh(meta: BundleMeta, entry: string, file: string): boolean {
  if (meta.entry !== entry || !fs.existsSync(file)) return false;
  for (const input of meta.inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input.path);
    } catch (_e) {
      return false;
    }
    if (st.mtimeMs !== input.mtimeMs || st.size !== input.size) return false;
  }
  return true;
}

function readMeta(file: string): BundleMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as BundleMeta;
  } catch (_e) {
    return undefined;
  }
}

/** The bundle of a TypeScript entry module, built or rebuilt when needed; undefined when unavailable. */
export function connectorBundle(entry: string, onNote?: (msg: string) => void): ConnectorBundle | undefined {
  if (process.env.LEARNFLOW_CONNECTOR_BUNDLE === '0' || !entry.endsWith('.ts')) return undefined;
  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) return undefined;
  const name = path.relative(ROOT, entry).replace(/[\\/]/g, '__').replace(/\.ts$/, '');
  const file = path.join(CACHE, `${name}.js`);
  const metaFile = path.join(CACHE, `${name}.meta.json`);
  const meta = readMeta(metaFile);
  if (meta && fresh(meta, entry, file)) return { file, hash: meta.hash };
  try {
    // esbuild comes with tsx; loaded only when a bundle must be (re)built.
    const esbuild = require('esbuild') as typeof import('esbuild');
    fs.mkdirSync(CACHE, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const result = esbuild.buildSync({
      entryPoints: [entry],
      absWorkingDir: ROOT,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: tmp,
      external: EXTERNAL,
      metafile: true,
      logLevel: 'silent',
    });
    const code = fs.readFileSync(tmp);
    const hash = createHash('sha256').update(code).digest('hex');
    const inputs = Object.keys(result.metafile?.inputs ?? {}).map((p) => {
      const abs = path.resolve(ROOT, p);
      const st = fs.statSync(abs);
      return { path: abs, mtimeMs: st.mtimeMs, size: st.size };
    });
    // Atomic: a connector started meanwhile by another sync sees the old bundle or the new one.
    fs.renameSync(tmp, file);
    const metaTmp = `${metaFile}.${process.pid}.tmp`;
    fs.writeFileSync(metaTmp, JSON.stringify({ entry, hash, inputs } satisfies BundleMeta));
    fs.renameSync(metaTmp, metaFile);
    return { file, hash };
  } catch (e) {
    onNote?.(`running ${path.relative(ROOT, entry)} through tsx (no bundle: ${(e as Error).message})`);
    return undefined;
  }
}
