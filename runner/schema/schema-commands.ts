import path from 'node:path';
import type { Logger } from '../common/logger';
import { UsageError } from '../common/errors';
import { loadSchemaSet } from './load-schema-set';
import { generateAll, generatedDir, staleGeneratedFiles, writeGeneratedFiles } from './generate-all';
import { diffSchemas, formatSchemaDiff } from './diff-schemas';
import { openSchemaSource } from './schema-source';
import { releaseSchema } from './release-schema';
import { readRecords, validateRecords } from './validate-record-file';

/** What the schema actions need: where, a logger, and where to print results. */
export interface SchemaActionContext {
  cwd: string;
  schemaDir: string;
  logger: Logger;
  out: (line: string) => void;
}

/** Write the generated files (or, with `check`, only report the stale ones). Returns the exit code. */
export function runGenerate(ctx: SchemaActionContext, check: boolean): number {
  const set = loadSchemaSet(path.resolve(ctx.cwd, ctx.schemaDir));
  const files = generateAll(set);
  const dir = generatedDir(set);
  const rel = (p: string) => path.relative(ctx.cwd, path.join(dir, p)) || p;
  if (check) {
    const stale = staleGeneratedFiles(dir, files);
    for (const s of stale) ctx.out(`stale: ${rel(s.path)} (${s.state})`);
    if (stale.length) {
      ctx.logger.error(
        `${stale.length} generated file(s) are stale; run learnflow schema generate and commit the result`,
      );
      return 1;
    }
    ctx.out(`generated files are current (${files.size} files, ${set.name} ${set.version})`);
    return 0;
  }
  const written = writeGeneratedFiles(dir, files);
  for (const p of written) ctx.out(`wrote ${rel(p)}`);
  ctx.out(`${written.length} of ${files.size} generated files changed (${set.name} ${set.version})`);
  return 0;
}

/** Classify the changes from `oldSpec` to `newSpec` (directories or git:<ref>). Exit 1 on an unbumped break. */
export function runDiff(ctx: SchemaActionContext, oldSpec: string, newSpec: string): number {
  const a = openSchemaSource(oldSpec, ctx.cwd, ctx.schemaDir);
  try {
    const b = openSchemaSource(newSpec, ctx.cwd, ctx.schemaDir);
    try {
      const d = diffSchemas(loadSchemaSet(a.dir), loadSchemaSet(b.dir));
      ctx.out(`schema diff ${a.label} → ${b.label}`);
      for (const line of formatSchemaDiff(d)) ctx.out(line);
      return d.ok ? 0 : 1;
    } finally {
      b.cleanup();
    }
  } finally {
    a.cleanup();
  }
}

/** Validate a JSON / JSON Lines file of records of one entity; print every failing field. */
export function runValidate(ctx: SchemaActionContext, entity: string, file: string): number {
  const set = loadSchemaSet(path.resolve(ctx.cwd, ctx.schemaDir));
  const records = readRecords(path.resolve(ctx.cwd, file));
  const reports = validateRecords(set, entity, records);
  for (const r of reports)
    for (const v of r.violations) ctx.out(`record ${r.record}: ${v.path || '/'}: ${v.message}`);
  ctx.out(`${records.length - reports.length} of ${records.length} ${entity} records valid`);
  return reports.length ? 1 : 0;
}

/** Snapshot the current schema under released/<version>/. */
export function runRelease(ctx: SchemaActionContext): number {
  const set = loadSchemaSet(path.resolve(ctx.cwd, ctx.schemaDir));
  const r = releaseSchema(set);
  ctx.out(
    `${r.created ? 'released' : 'already released'} ${set.name} ${set.version} at ${path.relative(ctx.cwd, r.dir)}`,
  );
  return 0;
}

export function requireOperands(action: string, operands: string[], count: number, usage: string): void {
  if (operands.length !== count) throw new UsageError(`schema ${action} takes ${usage}`);
}
