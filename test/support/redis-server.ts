import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres-server.js';

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
  /** Stops the server and starts an empty one on the same port, as a Redis restart without persistence would. */
  restart(): Promise<void>;
}

/** Why a suite needing Redis cannot run here, or null when it can. */
export function redisMissingReason(): string | null {
  const probe = spawnSync(REDIS_SERVER_BIN, ['--version'], { stdio: 'ignore' });
  return probe.error || probe.status !== 0 ? 'redis-server not found: apt-get install -y redis-server' : null;
}

/** Starts a throwaway, non-persistent redis-server on a free loopback port. */
export async function startRedis(): Promise<RunningRedis> {
  const reason = redisMissingReason();
  if (reason) throw new Error(reason);
  const dir = mkdtempSync(join(tmpdir(), 'omnibox-redis-'));
  const port = await freePort();
  let server = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      try {
        await terminate(server);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async restart() {
      await terminate(server);
      server = await launch(port, dir);
    },
  };
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(REDIS_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await answersPing(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await terminate(child);
  throw new Error(`redis-server did not answer PING on port ${port}:\n${output.slice(-2_000)}`);
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

/** Sends SIGTERM to a server the tests started and waits for it to exit. */
export function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
