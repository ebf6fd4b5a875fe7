/** The checks behind the acceptance suite (`acceptance.ts`), one function per CAT check. */
import { expect } from '@jest/globals';
import { compareCursorValues, valueAtPath } from '../cursor';
import { FULL_REFRESH_MARKER, SOURCE_MARKER } from '../input-state';
import { createAjv, describeSchemaErrors } from '../json-schema';
import type { AirbyteStateMessage, AirbyteStream, ConnectorSpecification } from '../protocol';
import type { AcceptanceOptions } from './acceptance';
import { ofType, type ConnectorRun } from './connector-process';

export function lastError(r: ConnectorRun): string | undefined {
  const errors = ofType(r.messages, 'TRACE').filter((m) => m.trace.type === 'ERROR');
  return errors.length ? errors.map((e) => e.trace.error?.message).join(' | ') : undefined;
}

/** The checks of CAT's basic_read on one read. */
export function checkRead(r: ConnectorRun, streams: AirbyteStream[], options: AcceptanceOptions): void {
  const ajv = createAjv();
  const configuredNames = new Set(streams.map((s) => s.name));
  const records = ofType(r.messages, 'RECORD');
  for (const m of records)
    expect([m.record.stream, configuredNames.has(m.record.stream)]).toEqual([m.record.stream, true]);
  for (const s of streams) {
    const mine = records.filter((m) => m.record.stream === s.name);
    if (!(options.emptyStreams ?? []).includes(s.name)) {
      expect([s.name, mine.length > 0]).toEqual([s.name, true]);
    }
    const validate = ajv.compile(s.json_schema);
    const declared = (s.json_schema as { properties?: Record<string, unknown> }).properties;
    const problems: string[] = [];
    for (const m of mine) {
      expect(typeof m.record.emitted_at).toBe('number');
      if (!validate(m.record.data)) problems.push(...describeSchemaErrors(validate.errors, 'data'));
      if (declared && !options.allowUndeclaredFields) {
        for (const k of Object.keys(m.record.data))
          if (!(k in declared)) problems.push(`field 'data.${k}' is not declared in the schema`);
      }
      if (problems.length > 5) break;
    }
    expect([s.name, [...new Set(problems)].slice(0, 5)]).toEqual([s.name, []]);
    for (const pk of s.source_defined_primary_key ?? []) {
      for (const m of mine) {
        const v = valueAtPath(m.record.data, pk);
        expect([s.name, pk, v !== null && v !== undefined && typeof v !== 'object']).toEqual([
          s.name,
          pk,
          true,
        ]);
      }
    }
    // statuses: STARTED, RUNNING (when there are records), COMPLETE
    const statuses = ofType(r.messages, 'TRACE')
      .filter(
        (m) => m.trace.type === 'STREAM_STATUS' && m.trace.stream_status?.stream_descriptor.name === s.name,
      )
      .map((m) => m.trace.stream_status?.status);
    expect([s.name, statuses[0], statuses[statuses.length - 1]]).toEqual([s.name, 'STARTED', 'COMPLETE']);
    if (mine.length) expect([s.name, statuses.includes('RUNNING')]).toEqual([s.name, true]);
    // states: at least one, STREAM type, sourceStats adding up, no record after the last one
    const states = ofType(r.messages, 'STATE').filter(
      (m) => m.state.stream?.stream_descriptor.name === s.name,
    );
    expect([s.name, states.length > 0]).toEqual([s.name, true]);
    let counted = 0;
    for (const st of states) {
      expect([s.name, st.state.type, typeof st.state.sourceStats?.recordCount]).toEqual([
        s.name,
        'STREAM',
        'number',
      ]);
      counted += st.state.sourceStats?.recordCount ?? 0;
    }
    expect([s.name, counted]).toEqual([s.name, mine.length]);
    const lastState = r.messages.lastIndexOf(states[states.length - 1]);
    const lastRecord = r.messages.lastIndexOf(mine[mine.length - 1]);
    expect([s.name, lastRecord < lastState]).toEqual([s.name, true]);
  }
}

export function checkMonotonic(r: ConnectorRun, streams: AirbyteStream[]): void {
  const byName = new Map(streams.map((s) => [s.name, s]));
  const prev = new Map<string, Record<string, unknown>>();
  for (const m of ofType(r.messages, 'STATE')) {
    const name = m.state.stream?.stream_descriptor.name ?? '';
    const st = (m.state.stream?.stream_state ?? {}) as Record<string, unknown>;
    const before = prev.get(name);
    prev.set(name, st);
    if (!before) continue;
    const cursor = (byName.get(name)?.default_cursor_field ?? []).join('.');
    if (cursor && before[cursor] !== undefined) {
      expect([name, compareCursorValues(st[cursor], before[cursor]) >= 0]).toEqual([name, true]);
    }
    const fb = before[FULL_REFRESH_MARKER] as { checkpoint: number; complete: boolean } | undefined;
    const fa = st[FULL_REFRESH_MARKER] as { checkpoint: number; complete: boolean } | undefined;
    if (fb && fa) {
      expect([name, fa.checkpoint > fb.checkpoint, fb.complete]).toEqual([name, true, false]);
    }
    expect(st[SOURCE_MARKER]).toBe(before[SOURCE_MARKER]);
  }
}

export function finalStates(r: ConnectorRun): Map<string, AirbyteStateMessage> {
  const out = new Map<string, AirbyteStateMessage>();
  for (const m of ofType(r.messages, 'STATE')) out.set(m.state.stream?.stream_descriptor.name ?? '', m.state);
  return out;
}

export function recordSet(r: ConnectorRun, stream: string, options: AcceptanceOptions): string[] {
  const ignored = options.ignoredFields?.[stream] ?? [];
  return ofType(r.messages, 'RECORD')
    .filter((m) => m.record.stream === stream)
    .map((m) => {
      const d = { ...m.record.data };
      for (const f of ignored) delete d[f];
      return JSON.stringify(d);
    })
    .sort();
}

export function schemaHasPath(schema: Record<string, unknown>, p: string[]): boolean {
  let s: unknown = schema;
  for (const part of p) {
    const props = (s as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (!props || !(part in props)) return false;
    s = props[part];
  }
  return true;
}

const SECRET_NAME =
  /(^|_)(password|secret|token|access_token|api_token|client_secret|api_key|apikey|credentials|private_key|refresh_token)$/i;

/** Properties whose name says "secret" but that lack `airbyte_secret: true` (CAT's rule). */
export function unmarkedSecrets(schema: unknown, at = ''): string[] {
  const out: string[] = [];
  const props = (schema as { properties?: Record<string, Record<string, unknown>> })?.properties ?? {};
  for (const [k, p] of Object.entries(props)) {
    const where = at ? `${at}.${k}` : k;
    const types = ([] as unknown[]).concat(p.type ?? []);
    if (
      SECRET_NAME.test(k) &&
      (types.includes('string') || types.includes('number')) &&
      p.const === undefined &&
      p.airbyte_secret !== true
    )
      out.push(where);
    out.push(...unmarkedSecrets(p, where));
    for (const o of (p.oneOf as unknown[]) ?? []) out.push(...unmarkedSecrets(o, where));
  }
  return out;
}

export function dropFirstRequired(spec: ConnectorSpecification, config: Record<string, unknown>) {
  const required = (spec.connectionSpecification.required as string[] | undefined) ?? [];
  if (!required.length)
    throw new Error('the spec has no required field: pass invalidConfig to the acceptance suite');
  const bad = { ...config };
  delete bad[required[0]];
  return { config: bad, field: required[0] };
}

export function futureValue(s: AirbyteStream): unknown {
  const prop = (s.json_schema as { properties?: Record<string, { type?: unknown; format?: string }> })
    .properties?.[(s.default_cursor_field ?? [])[0]];
  const types = ([] as unknown[]).concat(prop?.type ?? 'string');
  return types.includes('integer') || types.includes('number') ? 9e15 : '9999-12-31T23:59:59Z';
}

const FORBIDDEN_IN_SPEC = [
  'not',
  'anyOf',
  'allOf',
  'patternProperties',
  'prefixItems',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  '$ref',
];

/**
 * CAT's spec rules that a JSON Schema validator does not enforce: no forbidden keywords, no
 * `additionalProperties: false`, type arrays only `[T]` or `[T, "null"]`, oneOf options are objects.
 */
export function specProblems(schema: unknown, at = 'connectionSpecification'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  for (const k of FORBIDDEN_IN_SPEC) if (k in s) out.push(`${at}: '${k}' is not allowed in a spec`);
  if (s.additionalProperties === false) out.push(`${at}: additionalProperties must not be false`);
  if (Array.isArray(s.type)) {
    const others = s.type.filter((t) => t !== 'null');
    if (others.length !== 1) out.push(`${at}: a type array must be [T] or [T, "null"]`);
  }
  if (Array.isArray(s.oneOf)) {
    s.oneOf.forEach((o, i) => {
      if ((o as { type?: unknown })?.type !== 'object')
        out.push(`${at}.oneOf[${i}]: each option must be an object`);
      out.push(...specProblems(o, `${at}.oneOf[${i}]`));
    });
  }
  for (const [k, p] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    out.push(...specProblems(p, `${at}.${k}`));
  }
  if (s.items) out.push(...specProblems(s.items, `${at}.items`));
  return out;
}
