import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayServer } from '../../cdk/testing/replay-server';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const csvFile = path.join(__dirname, '..', 'fixtures', 'oll_metadata.csv');
const catalog = {
  streams: [
    {
      stream: { name: 'courses', json_schema: {}, supported_sync_modes: ['full_refresh'] },
      sync_mode: 'full_refresh',
      destination_sync_mode: 'overwrite',
    },
  ],
};

describe('source-oll', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-oll-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (config: Record<string, unknown>): Promise<ConnectorRun> =>
    runConnector(entry, [
      'read',
      '--config',
      writeJson(dir, 'config.json', config),
      '--catalog',
      writeJson(dir, 'catalog.json', catalog),
    ]);
  const rows = (r: ConnectorRun) => ofType(r.messages, 'RECORD').map((m) => m.record.data);

  test('a local file (relative to the working directory): every row, keyed by the header as written', async () => {
    const r = await runConnector(
      entry,
      [
        'read',
        '--config',
        writeJson(dir, 'config.json', { csv_source: { source_type: 'file', path: path.basename(csvFile) } }),
        '--catalog',
        writeJson(dir, 'catalog.json', catalog),
      ],
      { cwd: path.dirname(csvFile) },
    );
    expect(r.code).toBe(0);
    const data = rows(r);
    expect(data).toHaveLength(64);
    expect(new Set(data.map((d) => d.readable_id)).size).toBe(64);
    const first = data[0];
    expect(first).toMatchObject({
      'OLL Course': '18.031',
      readable_id: 'OCW+18.031+2019_Spring',
      'MITxO Adopted Secondary Child ': 'Algorithms and Data Structures',
      'Offered by': 'OCW',
      Duration: '6',
    });
    expect(Object.keys(first)).not.toContain('');
    // a quoted value with a line break stays one value
    expect(String(data[1].description)).toMatch(/^This course provides an elementary introduction/);
  });

  test('the same rows from a URL as from the file', async () => {
    server = await startReplayServer([
      { path: '/export', headers: { 'content-type': 'text/csv' }, file: csvFile, faults: ['reset'] },
    ]);
    const fromUrl = await read({
      csv_source: { source_type: 'url', url: `${server.url}/export` },
      retry_backoff_seconds: 0,
    });
    const fromFile = await read({ csv_source: { source_type: 'file', path: csvFile } });
    expect(fromUrl.code).toBe(0);
    expect(rows(fromUrl)).toEqual(rows(fromFile));
  });

  test('a missing file: check FAILED naming csv_source.path', async () => {
    const r = await runConnector(entry, [
      'check',
      '--config',
      writeJson(dir, 'missing.json', { csv_source: { source_type: 'file', path: '/nonexistent/oll.csv' } }),
    ]);
    expect(r.code).toBe(0);
    const status = ofType(r.messages, 'CONNECTION_STATUS')[0].connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toContain('csv_source.path /nonexistent/oll.csv');
  });

  test('a malformed CSV fails the stream with a system error naming the line', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'readable_id,title\nMITx+1,"unterminated\n');
    const r = await read({ csv_source: { source_type: 'file', path: bad } });
    expect(r.code).toBe(1);
    const error = ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR');
    expect(error?.trace.error?.failure_type).toBe('system_error');
    expect(error?.trace.error?.message).toMatch(/CSV is malformed.*line/i);
  });

  test('a generated 10,000-row CSV file is streamed whole, with a state every 1,000 rows', async () => {
    const big = path.join(dir, 'big.csv');
    const header = fs.readFileSync(csvFile, 'utf8').split('\n')[0];
    const out = fs.createWriteStream(big);
    out.write(`${header}\n`);
    for (let i = 0; i < 10_000; i++) {
      out.write(
        `${i},,,,P,C,S,,,Instructor ${i},,,,,,,Undergraduate,MITx,English,MITx+GEN${i},Course ${i},https://example.org/${i},"Text, with a comma",YES,YES,6,13,,\n`,
      );
    }
    await new Promise<void>((resolve) => out.end(resolve));
    const r = await read({ csv_source: { source_type: 'file', path: big } });
    expect(r.code).toBe(0);
    const data = rows(r);
    expect(data).toHaveLength(10_000);
    expect(data[9_999]).toMatchObject({ readable_id: 'MITx+GEN9999', description: 'Text, with a comma' });
    expect(ofType(r.messages, 'STATE').length).toBeGreaterThanOrEqual(10);
  });
});
