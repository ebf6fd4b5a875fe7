import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Pretty-printing with sql-formatter costs about a millisecond per model, so `compile` of a large project
 * hands it to worker threads while the main thread keeps rendering. Workers run plain JavaScript (the
 * formatter from node_modules), so they start fast under tsx and from dist alike.
 */
export class SqlPrettyPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (text: string) => void>();
  private next = 0;
  private seq = 0;

  constructor(size = Math.max(1, os.cpus().length - 1)) {
    const formatter = require.resolve('sql-formatter');
    const code = [
      "const { parentPort } = require('node:worker_threads');",
      `const { format } = require(${JSON.stringify(formatter)});`,
      'parentPort.on("message", ({ id, sql, language }) => {',
      '  let out;',
      "  try { out = format(sql, { language, keywordCase: 'preserve' }); } catch { out = sql; }",
      '  parentPort.postMessage({ id, out });',
      '});',
    ].join('\n');
    for (let i = 0; i < size; i++) {
      const w = new Worker(code, { eval: true });
      w.on('message', ({ id, out }: { id: number; out: string }) => {
        const done = this.waiting.get(id);
        this.waiting.delete(id);
        done?.(out);
      });
      this.workers.push(w);
    }
  }

  format(sql: string, dialect: string): Promise<string> {
    const id = this.seq++;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, sql, language: dialect === 'postgres' ? 'postgresql' : 'duckdb' });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
