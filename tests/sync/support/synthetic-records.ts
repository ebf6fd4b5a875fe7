/**
 * Deterministic synthetic course records of about 1 KB, as protocol lines, for benchmarks and tests.
 */
import fs from 'node:fs';
import type { ConfiguredAirbyteCatalog } from '../../../connectors/cdk/protocol';

export const SYNTHETIC_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    readable_id: { type: 'string' },
    title: { type: ['null', 'string'] },
    description: { type: ['null', 'string'] },
    price: { type: ['null', 'number'] },
    live: { type: 'boolean' },
    topics: { type: 'array', items: { type: 'string' } },
    department: { type: 'object' },
    updated_on: { type: 'string' },
  },
};

const WORDS =
  'learn course data model open mit online physics biology economics design systems theory lab'.split(' ');

export function syntheticRecord(i: number, stream = 'courses'): string {
  let text = '';
  let w = i;
  while (text.length < 700) {
    text += WORDS[w % WORDS.length] + ' ';
    w = (w * 7 + 3) % 1_000_003;
  }
  const data = {
    id: i,
    readable_id: `course-v1:MITx+${i}+2026`,
    title: `Course ${i}`,
    description: text,
    price: (i % 500) + 0.5,
    live: i % 3 !== 0,
    topics: [WORDS[i % WORDS.length], WORDS[(i + 3) % WORDS.length]],
    department: { code: `D${i % 40}`, name: `Department ${i % 40}` },
    updated_on: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
  return JSON.stringify({ type: 'RECORD', record: { stream, data, emitted_at: 1_767_225_600_000 + i } });
}

export function stateLine(stream: string, cursor: number): string {
  return JSON.stringify({
    type: 'STATE',
    state: { type: 'STREAM', stream: { stream_descriptor: { name: stream }, stream_state: { cursor } } },
  });
}

/** Write `count` records with a STATE every `stateEvery` records to a file; resolves to its size. */
export async function writeSyntheticFile(file: string, count: number, stateEvery = 10_000): Promise<number> {
  const out = fs.createWriteStream(file);
  let chunk = '';
  for (let i = 1; i <= count; i++) {
    chunk += syntheticRecord(i) + '\n';
    if (i % stateEvery === 0 || i === count) chunk += stateLine('courses', i) + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  return fs.statSync(file).size;
}

export function syntheticCatalog(mode = 'append'): ConfiguredAirbyteCatalog {
  return {
    streams: [
      {
        stream: {
          name: 'courses',
          json_schema: SYNTHETIC_SCHEMA,
          supported_sync_modes: ['full_refresh', 'incremental'],
        },
        sync_mode: 'incremental',
        destination_sync_mode: mode,
        primary_key: [['id']],
        cursor_field: ['updated_on'],
        generation_id: 1,
        minimum_generation_id: 0,
        sync_id: 1,
      },
    ],
  };
}
