/**
 * Start one replay server on 127.0.0.1 per demo connection, serving its recorded upstream responses,
 * and give each connection's source config pointing at its server.
 */
import { startReplayServer, type ReplayServer } from '../../connectors/cdk/testing/replay-server';
import type { DemoSource } from './demo-sources';

export interface DemoUpstream {
  source: DemoSource;
  server: ReplayServer;
  config: Record<string, unknown>;
}

export interface DemoUpstreams {
  upstreams: DemoUpstream[];
  close(): Promise<void>;
}

/**
 * The first port tried: each connection gets `basePort + its index`, so the URLs the upstreams embed in
 * their responses (next links, feed URLs) are the same every run and an unchanged upstream lands
 * unchanged rows. A port in use falls back to any free one.
 */
export const DEMO_BASE_PORT = 47810;

export async function startDemoUpstreams(
  sources: DemoSource[],
  basePort = DEMO_BASE_PORT,
): Promise<DemoUpstreams> {
  const upstreams: DemoUpstream[] = [];
  const close = async () => {
    await Promise.all(upstreams.map((u) => u.server.close()));
  };
  try {
    for (const [i, source] of sources.entries()) {
      const routes = source.routes();
      const server = await startReplayServer(routes, { port: basePort + i }).catch(() =>
        startReplayServer(routes),
      );
      upstreams.push({ source, server, config: source.config(server.url) });
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { upstreams, close };
}
