/**
 * The destination side of a sync: protocol lines in on stdin, echoed states out on stdout, log lines on
 * stderr, an exit code. Either a child process (what `learnflow sync` runs, as the Airbyte platform does)
 * or the registered destination running in this process through the same runner and the same streams
 * (what the pipeline runs: syncs into one DuckDB file can then go side by side, sharing its instance).
 */
import { spawn } from 'node:child_process';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { runDestination } from '../../connectors/cdk/destination-runner';
import type { Destination } from '../../connectors/cdk/destination';
import { createConnectorLogger } from '../../connectors/cdk/logger';
import type { ConnectorCommand } from './connector-command';

export interface EndpointExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface DestinationEndpoint {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable;
  exit: Promise<EndpointExit>;
  /** Still running. */
  alive(): boolean;
}

export function spawnDestination(cmd: ConnectorCommand, args: string[]): DestinationEndpoint {
  const child = spawn(cmd.file, [...cmd.args, ...args], { cwd: cmd.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const exit = new Promise<EndpointExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exit,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Run `destination` in this process with `args` (`write --config F --catalog F`) on in-memory pipes. */
export function embeddedDestination(destination: Destination<unknown>, args: string[]): DestinationEndpoint {
  const stdin = new PassThrough({ highWaterMark: 1 << 20 });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const logger = createConnectorLogger({
    name: destination.name,
    write: (line) => stderr.write(line + '\n'),
  });
  let running = true;
  const exit = runDestination(destination, args, { stdin, stdout, logger })
    .catch((e: unknown) => {
      stderr.write(`${new Date().toISOString()} ERROR ${destination.name} ${(e as Error).message}\n`);
      return 1;
    })
    .then((code): EndpointExit => {
      running = false;
      // Whatever the source still sends has nowhere to go: drop it, as a closed pipe would.
      stdin.resume();
      stdout.end();
      stderr.end();
      return { code, signal: null };
    });
  return { stdin, stdout, stderr, exit, alive: () => running };
}
