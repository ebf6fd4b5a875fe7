/**
 * Every connector in the repo, by name. `learnflow connector <name> ...`, the Dockerfile test and the
 * sync runner find connectors here. Add a connector with one entry: its name (also the Docker image
 * name suffix), its kind, its entry module (relative to this folder, without extension) and a loader.
 */
import path from 'node:path';
import type { ConnectorIO } from './cdk/connector-io';
import type { Destination } from './cdk/destination';
import { runDestination } from './cdk/destination-runner';
import type { Source } from './cdk/source';
import { runSource } from './cdk/source-runner';

export type ConnectorRegistration =
  | { name: string; kind: 'source'; entry: string; load: () => Source<any> }
  | { name: string; kind: 'destination'; entry: string; load: () => Destination<any> };

export const connectorRegistry: ConnectorRegistration[] = [
  {
    name: 'destination-lakehouse',
    kind: 'destination',
    entry: 'destination-lakehouse/src/index',
    load: () =>
      new (
        require('./destination-lakehouse/src/index') as typeof import('./destination-lakehouse/src/index')
      ).LakehouseDestination(),
  },
  {
    name: 'source-mitxonline',
    kind: 'source',
    entry: 'source-mitxonline/src/index',
    load: () =>
      (require('./source-mitxonline/src/index') as typeof import('./source-mitxonline/src/index')).connector,
  },
  {
    name: 'source-xpro',
    kind: 'source',
    entry: 'source-xpro/src/index',
    load: () => (require('./source-xpro/src/index') as typeof import('./source-xpro/src/index')).connector,
  },
  {
    name: 'source-edx',
    kind: 'source',
    entry: 'source-edx/src/index',
    load: () => (require('./source-edx/src/index') as typeof import('./source-edx/src/index')).connector,
  },
  {
    name: 'source-mitpe',
    kind: 'source',
    entry: 'source-mitpe/src/index',
    load: () => (require('./source-mitpe/src/index') as typeof import('./source-mitpe/src/index')).connector,
  },
  {
    name: 'source-sloan',
    kind: 'source',
    entry: 'source-sloan/src/index',
    load: () => (require('./source-sloan/src/index') as typeof import('./source-sloan/src/index')).connector,
  },
  {
    name: 'source-mit-climate',
    kind: 'source',
    entry: 'source-mit-climate/src/index',
    load: () =>
      (require('./source-mit-climate/src/index') as typeof import('./source-mit-climate/src/index'))
        .connector,
  },
  {
    name: 'source-ovs',
    kind: 'source',
    entry: 'source-ovs/src/index',
    load: () => (require('./source-ovs/src/index') as typeof import('./source-ovs/src/index')).connector,
  },
  {
    name: 'source-oll',
    kind: 'source',
    entry: 'source-oll/src/index',
    load: () => (require('./source-oll/src/index') as typeof import('./source-oll/src/index')).connector,
  },
  {
    name: 'source-ocw',
    kind: 'source',
    entry: 'source-ocw/src/index',
    load: () => (require('./source-ocw/src/index') as typeof import('./source-ocw/src/index')).connector,
  },
  {
    name: 'source-podcasts',
    kind: 'source',
    entry: 'source-podcasts/src/index',
    load: () =>
      (require('./source-podcasts/src/index') as typeof import('./source-podcasts/src/index')).connector,
  },
  {
    name: 'source-youtube',
    kind: 'source',
    entry: 'source-youtube/src/index',
    load: () =>
      (require('./source-youtube/src/index') as typeof import('./source-youtube/src/index')).connector,
  },
  {
    name: 'source-news-events',
    kind: 'source',
    entry: 'source-news-events/src/index',
    load: () =>
      (require('./source-news-events/src/index') as typeof import('./source-news-events/src/index'))
        .connector,
  },
  {
    name: 'source-course-content',
    kind: 'source',
    entry: 'source-course-content/src/index',
    load: () =>
      (require('./source-course-content/src/index') as typeof import('./source-course-content/src/index'))
        .connector,
  },
];

export function findConnector(name: string): ConnectorRegistration | undefined {
  return connectorRegistry.find((c) => c.name === name);
}

/** The absolute path of a connector's entry module (`.ts` in a checkout, `.js` in a build). */
export function connectorEntryPath(c: ConnectorRegistration): string {
  const ext = path.extname(__filename) === '.ts' ? '.ts' : '.js';
  return path.join(__dirname, `${c.entry}${ext}`);
}

/** Run a registered connector in this process with Airbyte's arguments; resolves to its exit code. */
export function runRegisteredConnector(
  c: ConnectorRegistration,
  argv: string[],
  io: ConnectorIO = {},
): Promise<number> {
  return c.kind === 'source' ? runSource(c.load(), argv, io) : runDestination(c.load(), argv, io);
}
