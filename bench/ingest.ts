/**
 * Ingest: signed webhooks at rising rates into the running server while 50 agents are connected over
 * Socket.IO; latency is from sending the webhook to an agent receiving message.created.
 * Baselines from the same run: raw single-row inserts into the same PostgreSQL from Node, and a bare
 * Socket.IO broadcast to 50 clients.
 */
import { createHmac } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { percentile, printTable, processUsage, progress, sharedPostgres, sleep, startStack, type Stack } from './support.js';

const AGENTS = 50;
const RATES = [100, 250, 500, 1000, 2000];
const STEP_SECONDS = 5;
/**
 * Like a channel delivering webhooks: a bounded set of kept-alive connections (Telegram's setWebhook
 * allows up to 100), so requests beyond them wait at the sender. A connection per request would, once
 * the server falls behind, overflow its accept queue, and the dropped SYNs would be retried after
 * seconds by TCP itself, which measures the kernel's backoff rather than the server.
 */
const SENDER_CONNECTIONS = 100;
const sender = new Agent({ keepAlive: true, maxSockets: SENDER_CONNECTIONS });

function postWebhook(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: sender, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface StepResult {
  rate: number;
  sent: number;
  accepted: number;
  failed: number;
  latencies: number[];
  seconds: number;
  cpuPercent: number;
  rssMb: number;
}

async function createInbox(stack: Stack): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${stack.url}/api/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
    body: JSON.stringify({ type: 'api', name: 'bench', settings: {} }),
  });
  const body = (await res.json()) as { id: string; webhookSecret: string };
  return { id: body.id, secret: body.webhookSecret };
}

/**
 * The bench's 500 senders write up to 2 messages a second each at the top rates, far over flood
 * protection's default of 30 a minute, which would store most of them hidden: it is switched off, so
 * what is measured is ingest, not the flood rule.
 */
async function disableFloodProtection(stack: Stack): Promise<void> {
  const res = await fetch(`${stack.url}/api/blacklist/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
    body: JSON.stringify({ enabled: false, maxMessagesPerMinute: 30 }),
  });
  if (!res.ok) throw new Error(`Could not switch flood protection off: ${res.status} ${await res.text()}`);
}

function connectAgents(url: string, token: string, count: number): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      return new Promise<Socket>((resolve, reject) => {
        socket.once('ready', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }),
  );
}

async function runStep(stack: Stack, inbox: { id: string; secret: string }, observer: Socket, rate: number, runId: string): Promise<StepResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let accepted = 0;
  let failed = 0;
  const onMessage = (envelope: { payload: { content: string | null } }) => {
    const started = envelope.payload.content ? sentAt.get(envelope.payload.content) : undefined;
    if (started !== undefined) latencies.push(performance.now() - started);
  };
  observer.on('message.created', onMessage);
  const before = processUsage(stack.server.child.pid!);
  const began = performance.now();
  const total = rate * STEP_SECONDS;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    // Open loop: each webhook leaves at its scheduled time whatever the server's answers.
    const due = began + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const text = `${runId}-${rate}-${i}`;
    const body = JSON.stringify({ externalId: text, contact: { externalId: `c-${i % 500}`, name: `Клиент ${i % 500}` }, text });
    const signature = `sha256=${createHmac('sha256', inbox.secret).update(body).digest('hex')}`;
    sentAt.set(text, performance.now());
    inflight.push(
      postWebhook(`${stack.url}/webhooks/${inbox.id}`, { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body)
        .then((status) => {
          if (status >= 200 && status < 300) accepted++;
          else failed++;
        })
        .catch(() => void failed++),
    );
  }
  await Promise.all(inflight);
  // Bounded wait for the last live events.
  for (let i = 0; i < 50 && latencies.length < accepted; i++) await sleep(100);
  const seconds = (performance.now() - began) / 1000;
  const after = processUsage(stack.server.child.pid!);
  observer.off('message.created', onMessage);
  return { rate, sent: total, accepted, failed, latencies, seconds, cpuPercent: ((after.cpuSeconds - before.cpuSeconds) / seconds) * 100, rssMb: after.rssMb };
}

async function rawInsertBaseline(): Promise<{ singleRowsPerSecond: number; pooledRowsPerSecond: number }> {
  const admin = (await sharedPostgres()).url;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query('create table if not exists bench_raw (id bigserial primary key, body text not null, created_at timestamptz default now())');
  const measure = async (connections: number) => {
    const clients = await Promise.all(Array.from({ length: connections }, async () => { const c = new pg.Client({ connectionString: admin }); await c.connect(); return c; }));
    let rows = 0;
    const until = performance.now() + 3000;
    await Promise.all(clients.map(async (c) => { while (performance.now() < until) { await c.query('insert into bench_raw (body) values ($1)', ['Здравствуйте, где мой заказ?']); rows++; } }));
    await Promise.all(clients.map((c) => c.end()));
    return rows / 3;
  };
  const single = await measure(1);
  const pooled = await measure(20);
  await client.query('drop table bench_raw');
  await client.end();
  return { singleRowsPerSecond: single, pooledRowsPerSecond: pooled };
}

async function bareBroadcastBaseline(rate: number): Promise<number> {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  const clients = await Promise.all(
    Array.from({ length: AGENTS }, () => new Promise<Socket>((resolve) => { const s = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true }); s.once('connect', () => resolve(s)); })),
  );
  const latencies: number[] = [];
  clients[0].on('tick', (sent: number) => latencies.push(performance.now() - sent));
  const total = rate * 2;
  const began = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    server.emit('tick', performance.now());
  }
  for (let i = 0; i < 20 && latencies.length < total; i++) await sleep(50);
  clients.forEach((c) => c.close());
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return percentile(latencies, 99);
}

export async function run(args: string[]) {
  const drivers = (args.find((a) => a.startsWith('--driver='))?.slice(9) ?? 'postgres,pglite').split(',') as Array<'postgres' | 'pglite'>;
  const rates = args.find((a) => a.startsWith('--rates='))?.slice(8).split(',').map(Number) ?? RATES;
  progress('baseline: raw inserts into PostgreSQL from Node…');
  const raw = await rawInsertBaseline();
  for (const driver of drivers) {
    progress(`starting the server on ${driver}…`);
    const stack = await startStack(driver);
    try {
      const inbox = await createInbox(stack);
      await disableFloodProtection(stack);
      const agents = await connectAgents(stack.url, stack.token, AGENTS);
      const rows = [];
      for (const rate of rates) {
        progress(`${driver}: ${rate} webhooks/s for ${STEP_SECONDS} s…`);
        const step = await runStep(stack, inbox, agents[0], rate, `r${Date.now()}`);
        const bare = await bareBroadcastBaseline(Math.min(rate, 2000));
        rows.push({
          driver,
          'rate offered/s': rate,
          'stored/s': step.accepted / step.seconds,
          'failed': step.failed,
          'p50 ms': percentile(step.latencies, 50),
          'p95 ms': percentile(step.latencies, 95),
          'p99 ms': percentile(step.latencies, 99),
          'bare Socket.IO p99 ms': bare,
          'server CPU %': step.cpuPercent,
          'server RSS MB': step.rssMb,
        });
        if (step.failed > step.sent / 2) break;
      }
      agents.forEach((a) => a.close());
      printTable(`Ingest on ${driver} with ${AGENTS} agents connected (latency: webhook sent -> agent's message.created)`, rows);
    } finally {
      await stack.stop();
    }
  }
  printTable('Baseline: raw single-row inserts into the same PostgreSQL from Node', [
    { connections: 1, 'rows/s': raw.singleRowsPerSecond },
    { connections: 20, 'rows/s': raw.pooledRowsPerSecond },
  ]);
}
