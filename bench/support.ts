/**
 * What every benchmark shares: a running stack built as it ships (the compiled server on PostgreSQL
 * or PGlite), process CPU and memory readings, percentiles and the printed table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createDatabaseOnServer, freePort, startPostgres, type RunningPostgres } from '../test/support/postgres-server.js';
import { startNodeProcess, type RunningProcess } from '../test/support/processes.js';

export const ADMIN = { email: 'admin@example.com', password: 'bench-password-1' };

export interface Stack {
  url: string;
  driver: 'postgres' | 'pglite';
  databaseUrl?: string;
  server: RunningProcess;
  token: string;
  stop(): Promise<void>;
}

let built = false;
/** Builds the server once per run, so what is measured is the code as it stands. */
export function ensureBuilt() {
  if (built) return;
  progress('building the server…');
  execFileSync(process.execPath, ['scripts/build.mjs', '--server-only'], { stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

let postgres: RunningPostgres | undefined;
export async function sharedPostgres(): Promise<RunningPostgres> {
  postgres ??= await startPostgres();
  return postgres;
}

export async function startStack(driver: 'postgres' | 'pglite', extraEnv: Record<string, string> = {}): Promise<Stack> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'omnibox-bench-'));
  const port = await freePort();
  const databaseUrl = driver === 'postgres' ? await createDatabaseOnServer((await sharedPostgres()).url, 'bench') : undefined;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    LOGIN_MAX_ATTEMPTS: '1000',
    NODE_ENV: 'production',
    PG_POOL_SIZE: '20',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    // e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    ...extraEnv,
  };
  const server = await startNodeProcess('dist/apps/server/src/main.js', env, /Omnibox is running/, 120_000);
  const url = `http://127.0.0.1:${port}`;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return {
    url,
    driver,
    databaseUrl,
    server,
    token: accessToken,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function stopSharedPostgres() {
  postgres?.stop();
  postgres = undefined;
}

/** CPU seconds and resident memory of a process, from /proc (Linux). */
export function processUsage(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds: ticks / 100, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
}

/** CPU seconds used so far by every PostgreSQL server process on this machine (the bench's own server). */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(stat[11]) + Number(stat[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function progress(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

export function printTable(title: string, rows: Array<Record<string, string | number>>) {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c])).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => String(cell(row[c])))));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An agent connection that counts what it receives without decoding it (see connectLightAgents). */
export interface LightAgent {
  /** Events received since connecting. */
  events: number;
  /** Called with each event frame as it arrives (`42<namespace>,["name",…]`), when set. */
  onEvent?: (frame: string) => void;
  close(): void;
}

/**
 * Agent connections that speak just enough Engine.IO 4 and Socket.IO 5 over a WebSocket to join a
 * namespace with a token, answer the server's pings and count events, without decoding them. The server
 * writes to them exactly as to the web app; what they save is the bench's own CPU, which shares this
 * machine's two cores with the server and PostgreSQL (a full client parses every event with JSON.parse
 * and its emitter, and fifty of them took more CPU than the server's whole fan-out). `ready` names the
 * event the server sends once the connection is set up, when it sends one.
 */
export async function connectLightAgents(url: string, namespace: string, auth: Record<string, unknown>, count: number, ready?: string, batchSize = 200): Promise<LightAgent[]> {
  const agents: LightAgent[] = [];
  for (let i = 0; i < count; i += batchSize) {
    agents.push(...(await Promise.all(Array.from({ length: Math.min(batchSize, count - i) }, () => connectLightAgent(url, namespace, auth, ready)))));
  }
  return agents;
}

function connectLightAgent(url: string, namespace: string, auth: Record<string, unknown>, ready?: string): Promise<LightAgent> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const nsp = namespace === '/' ? '' : `${namespace},`;
  const eventPrefix = `42${nsp}`;
  const readyPrefix = ready ? `${eventPrefix}["${ready}"` : undefined;
  const agent: LightAgent = { events: 0, close: () => ws.terminate() };
  return new Promise((resolve, reject) => {
    let connected = false;
    let awaitingReady = readyPrefix !== undefined;
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const kind = data[0];
      if (kind === 0x32 /* '2': ping */) return void ws.send('3');
      if (kind === 0x30 /* '0': open */) return void ws.send(`40${nsp}${JSON.stringify(auth)}`);
      if (kind !== 0x34 /* '4': a Socket.IO packet */) return;
      const packet = data[1];
      if (packet === 0x34 /* '4': connect error */) return reject(new Error(`refused: ${data.toString()}`));
      if (packet === 0x30 /* '0': connected */) {
        connected = true;
        if (!readyPrefix) resolve(agent);
        return;
      }
      if (packet !== 0x32 /* '2': event */ || !connected) return;
      if (awaitingReady) {
        if (data.toString().startsWith(readyPrefix!)) {
          awaitingReady = false;
          resolve(agent);
        }
        return;
      }
      agent.events += 1;
      agent.onEvent?.(data.toString());
    });
  });
}
