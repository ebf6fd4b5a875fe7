/**
 * `npm run bench -- cdk`: throughput of a source `read` through the whole kit. A local replay server
 * serves 1,000,000 course records of about 1 KB in DRF pages of 1,000; source-mitxonline reads them as
 * a child process (its real entry point) and this process drains its stdout. Reports records/s, MB/s
 * of protocol output and the reading child's peak RSS (VmHWM). Goal: >= 50,000 records/s, < 200 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startReplayServer } from '../../connectors/cdk/testing/replay-server';
import { compileConnectors } from '../support/compile-connectors';

const TOTAL = Number(process.env.BENCH_CDK_RECORDS ?? 1_000_000);
const PAGE = 1000;

/** One record of about 1 KB, shaped like a MITx Online course (built once; ids spliced in per record). */
const TEMPLATE = templateRecord(-999999).split('-999999');
function record(id: number): string {
  return TEMPLATE.join(String(id));
}
function templateRecord(id: number): string {
  return JSON.stringify({
    id,
    readable_id: `course-v1:BENCH+${id}`,
    title: `Benchmark course number ${id}`,
    ingest_content_files_for_ai: false,
    next_run_id: id * 10,
    departments: [{ name: 'Mathematics' }],
    page: {
      feature_image_src: `/media/original_images/${id}.png`,
      page_url: `/courses/course-v1:BENCH+${id}/`,
      description:
        'Scientists and engineers understand the world through differential equations. '.repeat(6) +
        String(id),
      live: true,
      length: '14 weeks',
      effort: '7 hrs/wk',
      current_price: 100,
      instructors: [{ name: 'David Jerison', description: '' }],
    },
    include_in_learn_catalog: true,
    topics: [{ name: 'Mathematics' }],
    min_price: 123,
    max_price: 456,
    certificate_type: 'Certificate of Completion',
    availability: 'dated',
  });
}

/** utime + stime of a process in seconds (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function peakRssKb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const pages = Math.ceil(TOTAL / PAGE);
  const server = await startReplayServer([
    {
      path: '/api/v2/courses/',
      handler: (req, srv) => {
        const p = Number(req.query.page ?? 1);
        const parts: string[] = [];
        for (let i = (p - 1) * PAGE + 1; i <= Math.min(TOTAL, p * PAGE); i++) parts.push(record(i));
        const next = p < pages ? `"${srv.url}/api/v2/courses/?live=true&page=${p + 1}"` : 'null';
        return { body: `{"count":${TOTAL},"next":${next},"previous":null,"results":[${parts.join(',')}]}` };
      },
    },
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdk-'));
  try {
    const config = path.join(dir, 'config.json');
    const catalog = path.join(dir, 'catalog.json');
    fs.writeFileSync(config, JSON.stringify({ base_url: server.url, page_size: PAGE }));
    fs.writeFileSync(
      catalog,
      JSON.stringify({
        streams: [
          {
            stream: { name: 'courses', json_schema: {}, supported_sync_modes: ['full_refresh'] },
            sync_mode: 'full_refresh',
            destination_sync_mode: 'overwrite',
          },
        ],
      }),
    );
    // The reader runs compiled, as in the Docker image (BENCH_CDK_TSX=1 runs the TypeScript through tsx).
    const viaTsx = process.env.BENCH_CDK_TSX === '1';
    let nodeArgs: string[];
    if (viaTsx) {
      const entry = path.join(__dirname, '..', '..', 'connectors', 'source-mitxonline', 'src', 'index.ts');
      nodeArgs = ['--require', require.resolve('tsx/cjs'), entry];
    } else {
      compileConnectors(path.join(dir, 'app'));
      nodeArgs = [path.join(dir, 'app', 'dist', 'connectors', 'source-mitxonline', 'src', 'index.js')];
    }
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeArgs, 'read', '--config', config, '--catalog', catalog], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let records = 0;
    let states = 0;
    let carry = '';
    let peak = 0;
    let cpu = 0;
    const sample = () => {
      peak = Math.max(peak, peakRssKb(child.pid as number) ?? 0);
      cpu = Math.max(cpu, cpuSeconds(child.pid as number) ?? 0);
    };
    const poll = setInterval(sample, 50);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      bytes += Buffer.byteLength(chunk);
      const text = carry + chunk;
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        if (text.startsWith('{"type":"RECORD"', start)) records++;
        else if (text.startsWith('{"type":"STATE"', start)) states++;
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      carry = text.slice(start);
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // The child's peak RSS is read from /proc just before it is reaped.
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => {
        peak = Math.max(peak, peakRssKb(child.pid as number) ?? 0);
        resolve(c);
      });
    });
    clearInterval(poll);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0 || records !== TOTAL) {
      throw new Error(`read exited ${code} with ${records} of ${TOTAL} records\n${stderr.slice(-2000)}`);
    }
    return {
      reader: viaTsx ? 'TypeScript through tsx' : 'compiled JavaScript (as in the image)',
      records,
      pages,
      states,
      seconds: Number(seconds.toFixed(2)),
      'records/s': Math.round(records / seconds),
      'MB/s (protocol output)': Number((bytes / 1e6 / seconds).toFixed(1)),
      'output MB': Number((bytes / 1e6).toFixed(1)),
      'avg record bytes': Math.round(bytes / records),
      'peak RSS of the reader (MB)': Number((peak / 1024).toFixed(1)),
      // CPU time does not depend on what else runs on the machine: records per second of reader CPU.
      'reader CPU s (last sample)': Number(cpu.toFixed(2)),
      'records per reader CPU s': cpu > 0 ? Math.round(records / cpu) : 'n/a',
    };
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
