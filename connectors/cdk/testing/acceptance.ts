/**
 * The connector acceptance suite, modelled on Airbyte's connector acceptance tests (CAT). Every source
 * in the repo calls it from its own test file; it runs the connector as a real child process through
 * its entry point, against a replay server on 127.0.0.1 that serves the connector's recorded responses.
 *
 * Usage, in `connectors/source-foo/tests/acceptance.test.ts`:
 *
 *   import path from 'node:path';
 *   import { acceptanceSuite } from '../../cdk/testing/acceptance';
 *
 *   acceptanceSuite({
 *     entry: path.join(__dirname, '..', 'src', 'index.ts'),
 *     routes: [{ path: '/api/courses/', file: path.join(__dirname, '..', 'fixtures', 'courses.json') }],
 *     config: (baseUrl) => ({ base_url: baseUrl, api_key: 'test-key' }),
 *     incrementalStreams: ['courses'],           // streams that must offer incremental (default none)
 *     emptyStreams: [],                          // streams allowed to read no record
 *   });
 *
 * What it checks: spec is one SPEC whose connectionSpecification is a valid JSON Schema with secrets
 * marked and none of the keywords Airbyte's UI refuses; check succeeds for the config and FAILS (exit 0) for a bad one, naming the field; discover
 * is one CATALOG with unique names, valid schemas, sync modes, cursor and primary key present in the
 * schema and is_resumable; a full-refresh read emits only the configured streams, every record valid
 * against its schema (no undeclared top-level fields), STARTED/RUNNING/COMPLETE statuses, a state
 * after every stream with `sourceStats.recordCount` adding up, no record after a stream's last state;
 * two full reads give the same records; an incremental read from the final state of a first read emits
 * nothing older than the cursor, a read resumed from an intermediate state returns at least what
 * followed it (by `sourceStats.recordCount`), and a state from the far future gives no records; a catalog with an
 * unknown stream and a bad sync mode fails with a TRACE ERROR and no record; states never move
 * backwards in any read; no secret of the config appears on stdout or stderr of any run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { compareCursorValues, valueAtPath } from '../cursor';
import { createAjv, compileSchema, describeSchemaErrors } from '../json-schema';
import type { AirbyteCatalog, AirbyteStream, ConnectorSpecification } from '../protocol';
import { secretValues } from '../secrets';
import {
  checkMonotonic,
  checkRead,
  dropFirstRequired,
  finalStates,
  futureValue,
  lastError,
  recordSet,
  schemaHasPath,
  specProblems,
  unmarkedSecrets,
} from './acceptance-checks';
import { ofType, runConnector, writeJson, type ConnectorRun } from './connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from './replay-server';

export interface AcceptanceOptions {
  /** The connector's entry point (`src/index.ts`), run as a child process. */
  entry: string;
  /** The name in the test titles (default: the folder above `src/`). */
  name?: string;
  /** The recorded responses, served by a replay server started for the suite. */
  routes: ReplayRoute[] | (() => ReplayRoute[]);
  /** A valid config pointing the connector at the replay server. */
  config: (baseUrl: string) => Record<string, unknown>;
  /** A config the connector must reject, and the field its message must name (default: drop the first required field). */
  invalidConfig?: (baseUrl: string) => { config: Record<string, unknown>; field: string };
  /** Streams that must support incremental (the others must not); the incremental tests run on them. */
  incrementalStreams?: string[];
  /** Streams allowed to read no records. */
  emptyStreams?: string[];
  /** Fields (top-level) to ignore when comparing the records of two reads, per stream. */
  ignoredFields?: Record<string, string[]>;
  /** Allow top-level record fields the stream schema does not declare (CAT's fail_on_extra_columns=false). */
  allowUndeclaredFields?: boolean;
  /** Per child process (default 60 s). */
  timeoutMs?: number;
}

export function acceptanceSuite(options: AcceptanceOptions): void {
  const name = options.name ?? path.basename(path.dirname(path.dirname(options.entry)));
  describe(`acceptance: ${name}`, () => {
    let server: ReplayServer;
    let dir: string;
    let configFile: string;
    let config: Record<string, unknown>;
    const runs: ConnectorRun[] = [];
    const memo = new Map<string, Promise<ConnectorRun>>();

    const run = async (args: string[]): Promise<ConnectorRun> => {
      const r = await runConnector(options.entry, args, { cwd: dir, timeoutMs: options.timeoutMs });
      runs.push(r);
      expect(r.badLines).toEqual([]);
      return r;
    };
    const once = (key: string, f: () => Promise<ConnectorRun>) => {
      if (!memo.has(key)) memo.set(key, f());
      return memo.get(key) as Promise<ConnectorRun>;
    };
    const specRun = () => once('spec', () => run(['spec']));
    const spec = async (): Promise<ConnectorSpecification> =>
      ofType((await specRun()).messages, 'SPEC')[0].spec;
    const discoverRun = () => once('discover', () => run(['discover', '--config', configFile]));
    const catalog = async (): Promise<AirbyteCatalog> => {
      const cats = ofType((await discoverRun()).messages, 'CATALOG');
      if (cats.length !== 1) throw new Error(`discover printed ${cats.length} CATALOG messages`);
      return cats[0].catalog;
    };
    const configured = (streams: AirbyteStream[], mode: 'full_refresh' | 'incremental') => ({
      streams: streams.map((stream) => ({
        stream,
        sync_mode: mode,
        destination_sync_mode: mode === 'incremental' ? 'append_dedup' : 'overwrite',
        ...(mode === 'incremental' ? { cursor_field: stream.default_cursor_field ?? [] } : {}),
        ...(stream.source_defined_primary_key ? { primary_key: stream.source_defined_primary_key } : {}),
      })),
    });
    const read = async (
      key: string,
      streams: AirbyteStream[],
      mode: 'full_refresh' | 'incremental',
      state?: unknown,
    ) =>
      once(key, async () => {
        const cat = writeJson(dir, `catalog-${key}.json`, configured(streams, mode));
        const args = ['read', '--config', configFile, '--catalog', cat];
        if (state !== undefined) args.push('--state', writeJson(dir, `state-${key}.json`, state));
        return run(args);
      });
    const fullRead = async () => read('full-1', (await catalog()).streams, 'full_refresh');
    const incrementalStreams = async () =>
      (await catalog()).streams.filter((s) => (options.incrementalStreams ?? []).includes(s.name));

    beforeAll(async () => {
      server = await startReplayServer(
        typeof options.routes === 'function' ? options.routes() : options.routes,
      );
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `acceptance-${name}-`));
      config = options.config(server.url);
      configFile = writeJson(dir, 'config.json', config);
    });
    afterAll(async () => {
      await server?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test('spec: one SPEC, a valid JSON Schema, secrets marked, the config is valid against it', async () => {
      const r = await specRun();
      expect(r.code).toBe(0);
      expect(r.messages.map((m) => m.type)).toEqual(['SPEC']);
      const s = await spec();
      const ajv = createAjv({ useDefaults: true });
      const compiled = compileSchema(ajv, s.connectionSpecification);
      expect(compiled.error).toBeUndefined();
      expect(s.connectionSpecification.type).toBe('object');
      expect(s.connectionSpecification.additionalProperties).not.toBe(false);
      const unmarked = unmarkedSecrets(s.connectionSpecification);
      expect(unmarked).toEqual([]);
      expect(specProblems(s.connectionSpecification)).toEqual([]);
      const valid = compiled.validate?.(structuredClone(config));
      expect(describeSchemaErrors(compiled.validate?.errors)).toEqual([]);
      expect(valid).toBe(true);
    });

    test('check: SUCCEEDED for the config', async () => {
      const r = await run(['check', '--config', configFile]);
      expect(r.code).toBe(0);
      const statuses = ofType(r.messages, 'CONNECTION_STATUS');
      expect(statuses).toHaveLength(1);
      expect(statuses[0].connectionStatus).toMatchObject({ status: 'SUCCEEDED' });
    });

    test('check: a bad config is FAILED with exit code 0 and a message naming the field', async () => {
      const s = await spec();
      const bad = options.invalidConfig?.(server.url) ?? dropFirstRequired(s, config);
      const r = await run(['check', '--config', writeJson(dir, 'bad-config.json', bad.config)]);
      expect(r.code).toBe(0);
      const statuses = ofType(r.messages, 'CONNECTION_STATUS');
      expect(statuses).toHaveLength(1);
      expect(statuses[0].connectionStatus.status).toBe('FAILED');
      expect(statuses[0].connectionStatus.message ?? '').toContain(bad.field);
    });

    test('discover: one CATALOG; unique names; valid schemas; sync modes, cursor and primary key', async () => {
      const r = await discoverRun();
      expect(r.code).toBe(0);
      expect(r.messages.filter((m) => m.type !== 'LOG' && m.type !== 'TRACE').map((m) => m.type)).toEqual([
        'CATALOG',
      ]);
      const streams = (await catalog()).streams;
      expect(streams.length).toBeGreaterThan(0);
      const names = streams.map((s) => `${s.namespace ?? ''}.${s.name}`);
      expect(new Set(names).size).toBe(names.length);
      const ajv = createAjv();
      for (const s of streams) {
        const where = `stream ${s.name}`;
        expect([where, compileSchema(ajv, s.json_schema).error]).toEqual([where, undefined]);
        expect([where, JSON.stringify(s.json_schema).includes('"$ref"')]).toEqual([where, false]);
        expect(s.supported_sync_modes.length).toBeGreaterThan(0);
        for (const m of s.supported_sync_modes) expect(['full_refresh', 'incremental']).toContain(m);
        const incremental = s.supported_sync_modes.includes('incremental');
        expect([where, incremental]).toEqual([where, (options.incrementalStreams ?? []).includes(s.name)]);
        if (incremental) {
          expect([where, s.source_defined_cursor, s.is_resumable]).toEqual([where, true, true]);
          expect(s.default_cursor_field?.length).toBeGreaterThan(0);
          expect([where, schemaHasPath(s.json_schema, s.default_cursor_field ?? [])]).toEqual([where, true]);
        }
        expect(typeof s.is_resumable).toBe('boolean');
        for (const pk of s.source_defined_primary_key ?? []) {
          expect([where, pk, schemaHasPath(s.json_schema, pk)]).toEqual([where, pk, true]);
        }
      }
    });

    test('read (full refresh): only configured streams; valid records; statuses; states with sourceStats', async () => {
      const streams = (await catalog()).streams;
      const r = await fullRead();
      expect([r.code, lastError(r)]).toEqual([0, undefined]);
      checkRead(r, streams, options);
    });

    test('read of one stream emits only that stream', async () => {
      const streams = (await catalog()).streams;
      const first = streams[0];
      const r = await read('only-first', [first], 'full_refresh');
      expect(r.code).toBe(0);
      const emitted = new Set(ofType(r.messages, 'RECORD').map((m) => m.record.stream));
      const stated = new Set(ofType(r.messages, 'STATE').map((m) => m.state.stream?.stream_descriptor.name));
      expect([...emitted].filter((n) => n !== first.name)).toEqual([]);
      expect([...stated]).toEqual([first.name]);
    });

    test('two full refresh reads give the same records', async () => {
      const streams = (await catalog()).streams;
      const a = await fullRead();
      const b = await read('full-2', streams, 'full_refresh');
      expect(b.code).toBe(0);
      for (const s of streams) {
        expect([s.name, recordSet(a, s.name, options)]).toEqual([s.name, recordSet(b, s.name, options)]);
      }
    });

    const incrementalTest = (options.incrementalStreams ?? []).length ? test : test.skip;

    incrementalTest(
      'incremental: a read from the final state of a first read emits nothing older than the cursor',
      async () => {
        const streams = await incrementalStreams();
        const first = await read('inc-1', streams, 'incremental');
        expect([first.code, lastError(first)]).toEqual([0, undefined]);
        checkRead(first, streams, options);
        const finals = finalStates(first);
        const second = await read('inc-2', streams, 'incremental', [...finals.values()]);
        expect([second.code, lastError(second)]).toEqual([0, undefined]);
        for (const s of streams) {
          const cursor = s.default_cursor_field ?? [];
          const final = finals.get(s.name);
          expect([s.name, final !== undefined]).toEqual([s.name, true]);
          const bound = (final?.stream?.stream_state as Record<string, unknown> | undefined)?.[
            cursor.join('.')
          ];
          for (const rec of ofType(second.messages, 'RECORD').filter((m) => m.record.stream === s.name)) {
            const v = valueAtPath(rec.record.data, cursor);
            expect([s.name, v, compareCursorValues(v, bound) >= 0]).toEqual([s.name, v, true]);
          }
          const secondStates = ofType(second.messages, 'STATE').filter(
            (m) => m.state.stream?.stream_descriptor.name === s.name,
          );
          expect(secondStates.length).toBeGreaterThan(0);
          for (const st of secondStates) {
            const v = (st.state.stream?.stream_state as Record<string, unknown>)[cursor.join('.')];
            expect([s.name, compareCursorValues(v, bound) >= 0]).toEqual([s.name, true]);
          }
        }
      },
    );

    incrementalTest(
      'incremental: a read resumed from an intermediate state returns what followed it',
      async () => {
        const streams = await incrementalStreams();
        const first = await read('inc-1', streams, 'incremental');
        for (const s of streams) {
          const cursor = (s.default_cursor_field ?? []).join('.');
          const mine = ofType(first.messages, 'STATE').filter(
            (m) => m.state.stream?.stream_descriptor.name === s.name,
          );
          const total = ofType(first.messages, 'RECORD').filter((m) => m.record.stream === s.name).length;
          // CAT's sequential-slices check: sourceStats says how many records a resume must still return.
          let seen = 0;
          const mid = mine.find((m) => {
            seen += m.state.sourceStats?.recordCount ?? 0;
            return seen < total;
          });
          if (!mid) continue;
          const remaining = total - seen;
          const r = await read(`inc-resume-${s.name}`, [s], 'incremental', [mid.state]);
          expect([r.code, lastError(r)]).toEqual([0, undefined]);
          const bound = (mid.state.stream?.stream_state as Record<string, unknown>)[cursor];
          const again = ofType(r.messages, 'RECORD').filter((m) => m.record.stream === s.name);
          expect([s.name, again.length >= remaining]).toEqual([s.name, true]);
          for (const m of again) {
            expect([
              s.name,
              compareCursorValues(valueAtPath(m.record.data, s.default_cursor_field ?? []), bound) >= 0,
            ]).toEqual([s.name, true]);
          }
        }
      },
    );

    incrementalTest('incremental: a state from the far future gives no records and a state', async () => {
      const streams = await incrementalStreams();
      const state = streams.map((s) => ({
        type: 'STREAM',
        stream: {
          stream_descriptor: { name: s.name },
          stream_state: { [(s.default_cursor_field ?? []).join('.')]: futureValue(s) },
        },
      }));
      const r = await read('future', streams, 'incremental', state);
      expect(r.code).toBe(0);
      expect(ofType(r.messages, 'RECORD')).toHaveLength(0);
      for (const s of streams) {
        expect(
          ofType(r.messages, 'STATE').some((m) => m.state.stream?.stream_descriptor.name === s.name),
        ).toBe(true);
      }
    });

    test('a catalog with an unknown stream and a bad sync mode fails with a TRACE ERROR and no record', async () => {
      const streams = (await catalog()).streams;
      const bogus = {
        streams: [
          { stream: { ...streams[0] }, sync_mode: 'INVALID', destination_sync_mode: 'append' },
          {
            stream: {
              name: '__acceptance_unknown__',
              json_schema: {},
              supported_sync_modes: ['full_refresh'],
            },
            sync_mode: 'full_refresh',
            destination_sync_mode: 'append',
          },
        ],
      };
      const r = await run(['read', '--config', configFile, '--catalog', writeJson(dir, 'bogus.json', bogus)]);
      expect(r.code).not.toBe(0);
      expect(ofType(r.messages, 'RECORD')).toHaveLength(0);
      const errors = ofType(r.messages, 'TRACE').filter((m) => m.trace.type === 'ERROR');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0].trace.error?.failure_type).toBe('config_error');
      expect(errors[0].trace.error?.message).toMatch(/__acceptance_unknown__/);
      expect(errors[0].trace.error?.message).toMatch(/INVALID/);
    });

    test('states never move backwards, in any read', async () => {
      const reads = runs.filter((r) => r.args[0] === 'read');
      expect(reads.length).toBeGreaterThan(0);
      const streams = (await catalog()).streams;
      for (const r of reads) checkMonotonic(r, streams);
    });

    test('no secret of the config appears on stdout or stderr', async () => {
      const secrets = secretValues((await spec()).connectionSpecification, config).filter(
        (s) => s.length >= 4,
      );
      for (const r of runs) {
        for (const s of secrets) {
          expect([r.args[0], r.stdout.includes(s), r.stderr.includes(s)]).toEqual([r.args[0], false, false]);
        }
      }
    });
  });
}
