import type { Adapter } from '../adapters/adapter';
import type { DatabaseAnswer, DatabaseRequest } from '../context/database-request';

/** Answer a render-time database request through the adapter. */
export function databaseAnswers(adapter: Adapter): (request: DatabaseRequest) => Promise<DatabaseAnswer> {
  return async (request) => {
    switch (request.kind) {
      case 'query': {
        const r = await adapter.execute(request.sql);
        return { kind: 'query', columns: r.columns, rows: r.rows, rowsAffected: r.rowsAffected };
      }
      case 'relation':
        return { kind: 'relation', relation: await adapter.getRelation(request.schema, request.identifier) };
      case 'columns':
        return { kind: 'columns', columns: await adapter.getColumns(request.relation) };
    }
  };
}
