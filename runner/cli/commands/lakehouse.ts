import path from 'node:path';
import type { LearnflowCommand } from '../command';
import { UsageError } from '../../common/errors';
import { requireEnv } from '../../config/interpolate-env';
import { loadLearnflowConfig, resolveConfigFile } from '../../config/load-config';
import type { LoadedConfig } from '../../config/learnflow-config';
import { DEFAULT_LAKEHOUSE, openLakehouse } from '../../lakehouse/lakehouse-connection';
import { exportParquet, type ExportLayer } from '../../lakehouse/parquet-export';
import { ensureHistoryTables, listStreamRuns, listSyncRuns } from '../../lakehouse/run-history';
import { readStates } from '../../lakehouse/state-store';

interface LakehouseArgs {
  action: string;
  name?: string;
  config?: string;
  out: string;
  layer: ExportLayer;
  table?: string[];
  json: boolean;
  limit: number;
}

function load(cwd: string, config?: string): LoadedConfig {
  return loadLearnflowConfig(resolveConfigFile(cwd, config));
}

/** `learnflow lakehouse export|history|state`: look into and take data out of the lakehouse. */
export const lakehouseCommand: LearnflowCommand<LakehouseArgs> = {
  command: 'lakehouse <action> [name]',
  describe: 'the lakehouse: export raw tables to Parquet, show sync history, show saved states',
  builder: (y) =>
    y
      .positional('action', { choices: ['export', 'history', 'state'], describe: 'what to do' })
      .positional('name', { type: 'string', describe: 'history/state: a connection' })
      .option('config', { type: 'string', describe: 'the config file (default: ./learnflow.yml)' })
      .option('out', { type: 'string', default: '.learnflow/export', describe: 'export: the output folder' })
      .option('layer', {
        choices: ['typed', 'raw'] as const,
        default: 'typed' as const,
        describe: 'export: typed tables (schema raw) or Destinations V2 raw tables (airbyte_internal)',
      })
      .option('table', { type: 'string', array: true, describe: 'export: only these tables' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
      .option('limit', { type: 'number', default: 20, describe: 'history: how many syncs' })
      .example('$0 lakehouse export --out export/', 'one Parquet folder per stream table')
      .example('$0 lakehouse history mitxonline', 'the last syncs and what each stream loaded'),
  run: async (args, ctx) => {
    const loaded = load(ctx.cwd, args.config);
    for (const s of loaded.secrets) ctx.logger.addSecret(s);
    requireEnv(loaded.missingEnv, ['lakehouse'], loaded.file);
    const settings = loaded.config.lakehouse ?? DEFAULT_LAKEHOUSE;
    const conn = await openLakehouse(settings, { baseDir: loaded.dir, logger: ctx.logger });
    const print = (v: unknown) => ctx.stdout.write(JSON.stringify(v, null, args.json ? undefined : 2) + '\n');
    try {
      switch (args.action) {
        case 'export': {
          const outDir = path.resolve(ctx.cwd, args.out);
          const done = await exportParquet(conn, settings, {
            outDir,
            layer: args.layer,
            tables: args.table?.map(String),
            logger: ctx.logger,
          });
          if (args.json) print(done);
          else
            for (const t of done) ctx.stdout.write(`${t.schema}.${t.table}: ${t.rows} rows -> ${t.file}\n`);
          return 0;
        }
        case 'history': {
          await ensureHistoryTables(conn);
          const runs = await listSyncRuns(conn, args.name, args.limit);
          const out: Array<Record<string, unknown> & { streams: Record<string, unknown>[] }> = [];
          for (const r of runs) out.push({ ...r, streams: await listStreamRuns(conn, Number(r.sync_id)) });
          if (args.json) print(out);
          else
            for (const r of out) {
              ctx.stdout.write(
                `sync ${r.sync_id} ${r.connection} ${r.status} ${r.started_at} -> ${r.ended_at ?? '(running)'}: ` +
                  `${r.records_read} read, ${r.records_committed} committed, ${r.records_rejected} rejected, ${r.bytes} bytes` +
                  `${r.error ? ` — ${r.error}` : ''}\n`,
              );
              for (const s of r.streams)
                ctx.stdout.write(
                  `  ${s.stream} (${s.sync_mode}/${s.destination_sync_mode}, generation ${s.generation_id ?? '-'}): ` +
                    `${s.status}, ${s.records_read} read, ${s.records_committed} committed, ${s.records_rejected} rejected\n`,
                );
            }
          return 0;
        }
        case 'state': {
          if (!args.name) throw new UsageError('name a connection: learnflow lakehouse state <connection>');
          print(await readStates(conn, args.name));
          return 0;
        }
        default:
          throw new UsageError(`unknown action '${args.action}'`);
      }
    } finally {
      await conn.close();
    }
  },
};
