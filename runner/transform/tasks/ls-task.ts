import { UsageError } from '../../common/errors';
import { manifestGraph } from '../graph/select-nodes';
import type { ManifestNode, SourceDefinition } from '../parse/manifest-types';
import { openSession } from './open-session';
import { selectForTask } from './select-for-task';
import type { TaskOptions } from './task-options';

const RESOURCE_TYPES = ['model', 'seed', 'snapshot', 'test', 'analysis', 'source'];

/** `ls`: the selected resources, one per line (`--output name|path|selector|json`, `--resource-type`). */
export async function lsTask(opts: TaskOptions): Promise<number> {
  const { session } = openSession(opts, 'list');
  const graph = manifestGraph(session.manifest);
  const asked = ([] as string[]).concat((opts.extra.resourceType as string[] | string | undefined) ?? []);
  for (const t of asked) {
    if (t !== 'all' && !RESOURCE_TYPES.includes(t))
      throw new UsageError(`unknown --resource-type '${t}'`, { hint: `use ${RESOURCE_TYPES.join(', ')}` });
  }
  const types = asked.length && !asked.includes('all') ? asked : RESOURCE_TYPES;
  const selected = selectForTask(session, graph, opts, types);
  const output = String(opts.extra.output ?? 'selector');
  const items: (ManifestNode | SourceDefinition)[] = [];
  for (const id of [...selected].sort()) {
    const item = session.manifest.nodes[id] ?? session.manifest.sources[id];
    if (item) items.push(item);
  }
  for (const item of items) {
    switch (output) {
      case 'json':
        opts.out(
          JSON.stringify({
            name: item.name,
            resource_type: item.resource_type,
            package_name: item.package_name,
            original_file_path: item.original_file_path,
            unique_id: item.unique_id,
            alias: 'alias' in item ? item.alias : item.identifier,
            config: item.config,
            tags: item.tags,
            depends_on: 'depends_on' in item ? item.depends_on : { nodes: [], macros: [] },
          }) + '\n',
        );
        break;
      case 'name':
        opts.out(`${item.name}\n`);
        break;
      case 'path':
        opts.out(`${item.original_file_path}\n`);
        break;
      case 'selector':
        opts.out(`${item.resource_type === 'source' ? 'source:' : ''}${item.fqn.join('.')}\n`);
        break;
      default:
        throw new UsageError(`unknown --output '${output}'`, { hint: 'use selector, name, path or json' });
    }
  }
  return 0;
}
