import { openAdapter as createAdapter } from '../execute/open-adapter';
import { writeArtifact } from '../artifacts/write-artifact';
import { CATALOG_SCHEMA, DBT_VERSION } from '../parse/manifest-types';
import { openSession } from './open-session';
import type { TaskOptions } from './task-options';

/** `docs generate`: catalog.json from the database's own description of every built node and source. */
export async function docsGenerateTask(opts: TaskOptions): Promise<number> {
  const { session, invocationId } = openSession(opts, 'generate');
  const adapter = await createAdapter(session.target, opts.logger);
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const errors: string[] = [];
  try {
    const entries = [
      ...Object.values(session.manifest.nodes)
        .filter((n) => n.relation_name !== null && n.resource_type !== 'test')
        .map((n) => ({
          id: n.unique_id,
          schema: n.schema,
          identifier: n.alias,
          database: n.database,
          into: nodes,
          comment: n.description,
        })),
      ...Object.values(session.manifest.sources).map((s) => ({
        id: s.unique_id,
        schema: s.schema,
        identifier: s.identifier,
        database: s.database,
        into: sources,
        comment: s.description,
      })),
    ];
    for (const e of entries) {
      const rel = await adapter.getRelation(e.schema, e.identifier);
      if (!rel) continue;
      const cols = await adapter.getColumns(rel);
      e.into[e.id] = {
        metadata: {
          type: rel.type === 'view' ? 'VIEW' : 'BASE TABLE',
          schema: e.schema,
          name: e.identifier,
          database: e.database,
          comment: null,
          owner: null,
        },
        columns: Object.fromEntries(
          cols.map((c, i) => [c.name, { type: c.dataType, index: i + 1, name: c.name, comment: null }]),
        ),
        stats: {
          has_stats: {
            id: 'has_stats',
            label: 'Has Stats?',
            value: false,
            include: false,
            description: 'Indicates whether there are statistics for this table',
          },
        },
        unique_id: e.id,
      };
    }
  } finally {
    await adapter.close();
  }
  const file = writeArtifact(
    session.targetDir,
    'catalog.json',
    {
      metadata: {
        dbt_schema_version: CATALOG_SCHEMA,
        dbt_version: DBT_VERSION,
        generated_at: new Date().toISOString(),
        invocation_id: invocationId,
        env: {},
      },
      nodes,
      sources,
      errors: errors.length ? errors : null,
    },
    opts.logger,
  );
  opts.logger.info(
    `Catalog written to ${file}: ${Object.keys(nodes).length} nodes, ${Object.keys(sources).length} sources`,
  );
  return 0;
}
