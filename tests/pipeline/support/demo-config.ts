/** The learnflow.yml text of a pipeline over demo upstreams: a DuckDB lakehouse beside it, the Learn project. */
import path from 'node:path';
import yaml from 'js-yaml';
import type { DemoUpstreams } from '../../../runner/demo/start-demo-upstreams';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export function demoPipelineConfig(upstreams: DemoUpstreams): string {
  return yaml.dump({
    version: 1,
    lakehouse: { engine: 'duckdb', path: 'lakehouse.duckdb' },
    connections: Object.fromEntries(
      upstreams.upstreams.map((u) => [
        u.source.connection,
        { source: { connector: u.source.connector, config: u.config } },
      ]),
    ),
    transform: { project_dir: path.join(ROOT, 'transforms', 'learn') },
  });
}
