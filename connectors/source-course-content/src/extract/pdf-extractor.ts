import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExtractionError, tidyText, type ExtractedText } from './extracted-text';

/**
 * The worker's code. It imports unpdf (pdf.js' serverless build) natively: unpdf loads pdf.js with a
 * dynamic `import()`, which a worker thread supports whatever loaded the connector (tsx, jest, a build).
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const lib = import(workerData.unpdf);
parentPort.on('message', async (job) => {
  try {
    const { extractText, getDocumentProxy, getMeta } = await lib;
    const pdf = await getDocumentProxy(new Uint8Array(job.bytes), { verbosity: 0 });
    const { text } = await extractText(pdf, { mergePages: true });
    let title;
    try { const meta = await getMeta(pdf); title = meta && meta.info && meta.info.Title; } catch (_) {}
    if (typeof pdf.cleanup === 'function') await pdf.cleanup();
    parentPort.postMessage({ id: job.id, text, title: typeof title === 'string' ? title : undefined });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String((e && e.message) || e) });
  }
});
`;

interface Pending {
  resolve: (t: ExtractedText) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * PDF text through unpdf in one worker thread, one document at a time, each with a timeout (a
 * pathological PDF costs its own record, not the run: the worker is replaced). pdf.js' console output
 * goes to the given log function, never to stdout (which carries the protocol).
 */
export class PdfExtractor {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: { timeoutMs?: number; log?: (line: string) => void } = {}) {}

  extract = (bytes: Buffer): Promise<ExtractedText> => {
    const run = this.chain.then(() => this.run(bytes));
    this.chain = run.catch(() => undefined);
    return run;
  };

  private start(): Worker {
    const w = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { unpdf: pathToFileURL(require.resolve('unpdf')).href },
      stdout: true,
      stderr: true,
    });
    const log = this.options.log ?? (() => undefined);
    w.stdout.on('data', (c: Buffer) => log(`pdf.js: ${c.toString('utf8').trim()}`));
    w.stderr.on('data', (c: Buffer) => log(`pdf.js: ${c.toString('utf8').trim()}`));
    w.on('message', (m: { id: number; text?: string; title?: string; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error !== undefined) p.reject(new ExtractionError(`not a readable PDF (${m.error})`));
      else p.resolve({ text: tidyText(m.text ?? ''), ...(m.title?.trim() ? { title: m.title.trim() } : {}) });
    });
    w.on('error', (e) => this.failAll(new ExtractionError(`the PDF worker failed: ${e.message}`)));
    w.unref();
    return w;
  }

  private run(bytes: Buffer): Promise<ExtractedText> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    return new Promise<ExtractedText>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ExtractionError(`PDF text extraction took longer than ${timeoutMs} ms`));
        void worker.terminate();
        if (this.worker === worker) this.worker = undefined;
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      worker.postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  }

  private failAll(e: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(e);
      this.pending.delete(id);
    }
    this.worker = undefined;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
