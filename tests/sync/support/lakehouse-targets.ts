/** The two lakehouse engines the sync tests run over: a DuckDB file and a fresh PostgreSQL database. */
import path from 'node:path';
import { createTestDatabase } from '../../support/pg';
import { tempDir } from '../../support/tmp';
import type { LakehouseSettings } from '../../../runner/config/learnflow-config';
import {
  openLakehouse,
  type LakehouseConnection,
  type Row,
} from '../../../runner/lakehouse/lakehouse-connection';

export type Engine = 'duckdb' | 'postgres';
export const ENGINES: Engine[] = ['duckdb', 'postgres'];

export interface Target {
  engine: Engine;
  dir: string;
  settings: LakehouseSettings;
  /** destination-lakehouse's `backend` config. */
  backend: Record<string, unknown>;
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  cleanup(): Promise<void>;
}

export async function createTarget(engine: Engine): Promise<Target> {
  const tmp = tempDir('learnflow-sync-');
  let settings: LakehouseSettings;
  let drop = async () => undefined as void;
  if (engine === 'postgres') {
    const db = await createTestDatabase('sync');
    settings = { engine: 'postgres', url: db.url };
    drop = db.drop;
  } else {
    settings = { engine: 'duckdb', path: path.join(tmp.dir, 'lakehouse.duckdb') };
  }
  const backend =
    settings.engine === 'postgres'
      ? { engine: 'postgres', url: settings.url }
      : { engine: 'duckdb', path: settings.path };
  return {
    engine,
    dir: tmp.dir,
    settings,
    backend,
    query: async (sql, params) => {
      const conn: LakehouseConnection = await openLakehouse(settings, { baseDir: tmp.dir });
      try {
        return await conn.query(sql, params);
      } finally {
        await conn.close();
      }
    },
    cleanup: async () => {
      await drop();
      tmp.cleanup();
    },
  };
}
