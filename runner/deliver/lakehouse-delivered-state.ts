/**
 * The delivered state of the targets without transactions of their own (OpenSearch, the webhook), kept in
 * the lakehouse: per target and object, (key, row_hash, delivered_at) of what the target acknowledged.
 */
import type { LakehouseConnection } from '../lakehouse/lakehouse-connection';
import { HISTORY_SCHEMA } from '../lakehouse/run-history';
import type { DeliveredRow } from './row-diff';

export const DELIVERED_STATE_TABLE = 'delivered_state';

export interface StateWrite {
  key: string;
  hash: string;
  part: string | null;
}

export class LakehouseDeliveredState {
  constructor(
    private readonly conn: LakehouseConnection,
    private readonly target: string,
  ) {}

  private get table(): string {
    return `${this.conn.quote(HISTORY_SCHEMA)}.${this.conn.quote(DELIVERED_STATE_TABLE)}`;
  }

  async ensure(): Promise<void> {
    await this.conn.exec(`CREATE SCHEMA IF NOT EXISTS ${this.conn.quote(HISTORY_SCHEMA)}`);
    await this.conn.exec(
      `CREATE TABLE IF NOT EXISTS ${this.table} (target VARCHAR NOT NULL, object VARCHAR NOT NULL, key VARCHAR NOT NULL, ` +
        'row_hash VARCHAR NOT NULL, part VARCHAR, delivered_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (target, object, key))',
    );
  }

  async load(object: string): Promise<Map<string, DeliveredRow>> {
    const rows = await this.conn.query(
      `SELECT key, row_hash, part FROM ${this.table} WHERE target = $1 AND object = $2`,
      [this.target, object],
    );
    const out = new Map<string, DeliveredRow>();
    for (const r of rows)
      out.set(String(r.key), { hash: String(r.row_hash), part: r.part == null ? null : String(r.part) });
    return out;
  }

  /** Record acknowledged writes and removals of one object, atomically. */
  async apply(object: string, written: StateWrite[], removed: string[], replaceAll = false): Promise<void> {
    if (!written.length && !removed.length && !replaceAll) return;
    await this.conn.exec('BEGIN TRANSACTION');
    try {
      if (replaceAll)
        await this.conn.exec(`DELETE FROM ${this.table} WHERE target = $1 AND object = $2`, [
          this.target,
          object,
        ]);
      const keys = [...written.map((w) => w.key), ...removed];
      const duck = this.conn.engine === 'duckdb';
      const keyList = duck
        ? 'SELECT unnest(CAST(CAST($3 AS JSON) AS VARCHAR[]))'
        : 'SELECT jsonb_array_elements_text(CAST($3 AS jsonb))';
      for (let i = 0; i < keys.length; i += 5000)
        await this.conn.exec(
          `DELETE FROM ${this.table} WHERE target = $1 AND object = $2 AND key IN (${keyList})`,
          [this.target, object, JSON.stringify(keys.slice(i, i + 5000))],
        );
      const records = duck
        ? "(SELECT unnest(json_extract_string($3, '$[*].k')) AS k, unnest(json_extract_string($3, '$[*].h')) AS h, " +
          "unnest(json_extract_string($3, '$[*].p')) AS p) x"
        : 'jsonb_to_recordset(CAST($3 AS jsonb)) AS x(k text, h text, p text)';
      for (let i = 0; i < written.length; i += 5000) {
        const chunk = written.slice(i, i + 5000);
        await this.conn.exec(
          `INSERT INTO ${this.table} SELECT $1, $2, x.k, x.h, x.p, now() FROM ${records}`,
          [this.target, object, JSON.stringify(chunk.map((w) => ({ k: w.key, h: w.hash, p: w.part })))],
        );
      }
      await this.conn.exec('COMMIT');
    } catch (e) {
      await this.conn.exec('ROLLBACK');
      throw e;
    }
  }

  /** Forget an object entirely (a rebuilt index starts from nothing). */
  async clear(object: string): Promise<void> {
    await this.conn.exec(`DELETE FROM ${this.table} WHERE target = $1 AND object = $2`, [
      this.target,
      object,
    ]);
  }
}
