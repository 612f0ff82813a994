import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
export const PG_PACKAGE_HINT = 'install it with: apt-get install -y postgresql-15 (or set PG_BIN_DIR to a PostgreSQL bin folder)';

export interface RunningPostgres {
  url: string;
  /** Stops the server for good and removes its files. */
  stop(): void;
  /** Stops the server and keeps its data, for an outage that ends (resume starts it again). */
  pause(): void;
  resume(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root, so as root the server runs as the postgres user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export function postgresMissingReason(): string | null {
  if (!existsSync(join(PG_BIN_DIR, 'postgres')) || !existsSync(join(PG_BIN_DIR, 'initdb'))) {
    return `PostgreSQL 15 server binaries not found in ${PG_BIN_DIR}: ${PG_PACKAGE_HINT}`;
  }
  if (isRoot() && spawnSync('id', ['postgres']).status !== 0) {
    return `running as root needs the postgres system user: ${PG_PACKAGE_HINT}`;
  }
  return null;
}

/** Starts a throwaway PostgreSQL server in a temporary directory on a free loopback port. */
export async function startPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'omnibox-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const run = (command: string, args: string[]) => {
    const [cmd, argv] = asServerUser(join(PG_BIN_DIR, command), args);
    execFileSync(cmd, argv, { stdio: 'pipe', cwd: dir });
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause: () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh empty database on a running server; answers its URL. */
export async function createDatabaseOnServer(adminUrl: string, prefix = 'test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

