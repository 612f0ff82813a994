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
import { connectLightAgents, percentile, postgresCpuSeconds, printTable, processUsage, progress, sharedPostgres, sleep, startStack, type LightAgent, type Stack } from './support.js';

const AGENTS = 50;
const RATES = [100, 250, 500, 1000, 2000];
const STEP_SECONDS = 5;
/** Distinct customers writing; each writes again and again into their open conversation. */
const SENDERS = 500;
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

/** Posts one customer's message as the api channel's signed webhook; answers the HTTP status. */
function sendMessage(stack: Stack, inbox: { id: string; secret: string }, sender: number, externalId: string, text: string): Promise<number> {
  const body = JSON.stringify({ externalId, contact: { externalId: `c-${sender}`, name: `Клиент ${sender}` }, text });
  const signature = `sha256=${createHmac('sha256', inbox.secret).update(body).digest('hex')}`;
  return postWebhook(`${stack.url}/webhooks/${inbox.id}`, { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body);
}

interface StepResult {
  rate: number;
  sent: number;
  accepted: number;
  failed: number;
  latencies: number[];
  seconds: number;
  cpuPercent: number;
  /** This bench process's own CPU over the step: senders and agents share the machine with the server. */
  benchCpuPercent: number;
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

/**
 * One agent decodes every event as the web app does and times the messages; the other 49 are light
 * connections (see connectLightAgents) that the server writes to just the same.
 */
async function connectAgents(url: string, token: string, count: number): Promise<{ observer: Socket; others: LightAgent[] }> {
  const observer = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    observer.once('ready', () => resolve());
    observer.once('connect_error', reject);
  });
  return { observer, others: await connectLightAgents(url, '/agents', { token }, count - 1, 'ready') };
}

/**
 * Every sender writes once before the measured steps: its first message creates its contact, identity
 * and conversation (the slower path, under an advisory lock), and the server's code gets compiled; both
 * would otherwise land in the first step only. Answers the time it took.
 */
async function warmUp(stack: Stack, inbox: { id: string; secret: string }): Promise<number> {
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      for (let i = next++; i < SENDERS; i = next++) {
        const status = await sendMessage(stack, inbox, i, `warm-up-${i}-${Date.now()}`, `warm-up-${i}`);
        if (status !== 200) throw new Error(`warm-up webhook answered ${status}`);
      }
    }),
  );
  return performance.now() - began;
}

async function runStep(stack: Stack, inbox: { id: string; secret: string }, observer: Socket, rate: number, runId: string): Promise<StepResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let accepted = 0;
  let failed = 0;
  /** What the failed webhooks got: a status code or a network error, with how many of each. */
  const failures = new Map<string, number>();
  const fail = (why: string) => {
    failed++;
    failures.set(why, (failures.get(why) ?? 0) + 1);
  };
  const onMessage = (envelope: { payload: { content: string | null } }) => {
    const started = envelope.payload.content ? sentAt.get(envelope.payload.content) : undefined;
    if (started !== undefined) latencies.push(performance.now() - started);
  };
  observer.on('message.created', onMessage);
  const before = processUsage(stack.server.child.pid!);
  const benchBefore = process.cpuUsage();
  const began = performance.now();
  const total = rate * STEP_SECONDS;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    // Open loop: each webhook leaves at its scheduled time whatever the server's answers.
    const due = began + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const text = `${runId}-${rate}-${i}`;
    sentAt.set(text, performance.now());
    inflight.push(
      sendMessage(stack, inbox, i % SENDERS, text, text)
        .then((status) => {
          if (status >= 200 && status < 300) accepted++;
          else fail(`HTTP ${status}`);
        })
        .catch((error: NodeJS.ErrnoException) => fail(error.code ?? error.message)),
    );
  }
  await Promise.all(inflight);
  // Bounded wait for the last live events.
  for (let i = 0; i < 50 && latencies.length < accepted; i++) await sleep(100);
  const seconds = (performance.now() - began) / 1000;
  const after = processUsage(stack.server.child.pid!);
  const bench = process.cpuUsage(benchBefore);
  observer.off('message.created', onMessage);
  if (failures.size) progress(`${rate}/s: failed webhooks: ${[...failures].map(([why, n]) => `${why} × ${n}`).join(', ')}`);
  return { rate, sent: total, accepted, failed, latencies, seconds, cpuPercent: ((after.cpuSeconds - before.cpuSeconds) / seconds) * 100, benchCpuPercent: ((bench.user + bench.system) / 1e6 / seconds) * 100, rssMb: after.rssMb };
}

/**
 * CPU per webhook, the measure that holds on a busy machine: 300 webhooks one after another, then 600 from
 * 10 concurrent senders, each from a repeat sender; the server's CPU and, on PostgreSQL, the database
 * server's, read from /proc, divided by the webhooks.
 */
async function cpuPerWebhook(stack: Stack, inbox: { id: string; secret: string }): Promise<Array<Record<string, string | number>>> {
  let sent = 0;
  const send = async () => {
    const i = sent++;
    const text = `cpu-${Date.now()}-${i}`;
    const status = await sendMessage(stack, inbox, i % SENDERS, text, text);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  };
  const measure = async (how: string, count: number, senders: number) => {
    const server = processUsage(stack.server.child.pid!).cpuSeconds;
    const database = stack.driver === 'postgres' ? postgresCpuSeconds() : 0;
    const began = performance.now();
    let left = count;
    await Promise.all(Array.from({ length: senders }, async () => { while (left-- > 0) await send(); }));
    const ms = (performance.now() - began) / count;
    return {
      webhooks: how,
      'ms per webhook': ms,
      'server CPU ms per webhook': ((processUsage(stack.server.child.pid!).cpuSeconds - server) * 1000) / count,
      'PostgreSQL CPU ms per webhook': stack.driver === 'postgres' ? ((postgresCpuSeconds() - database) * 1000) / count : 'in the server',
    };
  };
  return [await measure('300 one after another', 300, 1), await measure('600 from 10 senders at once', 600, 10)];
}

async function rawInsertBaseline(): Promise<{ singleRowsPerSecond: number; pooledRowsPerSecond: number; single: { nodeCpuMs: number; postgresCpuMs: number } }> {
  const admin = (await sharedPostgres()).url;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query('create table if not exists bench_raw (id bigserial primary key, body text not null, created_at timestamptz default now())');
  const measure = async (connections: number) => {
    const clients = await Promise.all(Array.from({ length: connections }, async () => { const c = new pg.Client({ connectionString: admin }); await c.connect(); return c; }));
    let rows = 0;
    const node = process.cpuUsage();
    const database = postgresCpuSeconds();
    const until = performance.now() + 3000;
    await Promise.all(clients.map(async (c) => { while (performance.now() < until) { await c.query('insert into bench_raw (body) values ($1)', ['Здравствуйте, где мой заказ?']); rows++; } }));
    const nodeUsed = process.cpuUsage(node);
    const cpu = { nodeCpuMs: (nodeUsed.user + nodeUsed.system) / 1000 / rows, postgresCpuMs: ((postgresCpuSeconds() - database) * 1000) / rows };
    await Promise.all(clients.map((c) => c.end()));
    return { perSecond: rows / 3, cpu };
  };
  const single = await measure(1);
  const pooled = await measure(20);
  await client.query('drop table bench_raw');
  await client.end();
  return { singleRowsPerSecond: single.perSecond, pooledRowsPerSecond: pooled.perSecond, single: single.cpu };
}

async function bareBroadcastBaseline(rate: number): Promise<number> {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  // As against the server: one decoding client times the broadcasts, the others are light connections.
  const observer = await new Promise<Socket>((resolve) => { const s = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true }); s.once('connect', () => resolve(s)); });
  const others = await connectLightAgents(`http://127.0.0.1:${port}`, '/', {}, AGENTS - 1);
  const latencies: number[] = [];
  observer.on('tick', (sent: number) => latencies.push(performance.now() - sent));
  const total = rate * 2;
  const began = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    server.emit('tick', performance.now());
  }
  for (let i = 0; i < 20 && latencies.length < total; i++) await sleep(50);
  observer.close();
  others.forEach((c) => c.close());
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
      progress(`${driver}: warm-up, ${SENDERS} customers write their first message…`);
      progress(`${driver}: warm-up took ${((await warmUp(stack, inbox)) / 1000).toFixed(1)} s`);
      progress(`${driver}: CPU per webhook…`);
      const cpu = await cpuPerWebhook(stack, inbox);
      const rows = [];
      for (const rate of rates) {
        progress(`${driver}: ${rate} webhooks/s for ${STEP_SECONDS} s…`);
        const step = await runStep(stack, inbox, agents.observer, rate, `r${Date.now()}`);
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
          'bench CPU %': step.benchCpuPercent,
          'server RSS MB': step.rssMb,
        });
        if (step.failed > step.sent / 2) break;
      }
      agents.observer.close();
      agents.others.forEach((a) => a.close());
      printTable(`CPU per webhook on ${driver} with ${AGENTS} agents connected (baseline: a raw insert below)`, cpu);
      printTable(`Ingest on ${driver} with ${AGENTS} agents connected (latency: webhook sent -> agent's message.created)`, rows);
    } finally {
      await stack.stop();
    }
  }
  printTable('Baseline: raw single-row inserts into the same PostgreSQL from Node', [
    { connections: 1, 'rows/s': raw.singleRowsPerSecond, 'Node CPU ms per row': raw.single.nodeCpuMs.toFixed(3), 'PostgreSQL CPU ms per row': raw.single.postgresCpuMs.toFixed(3) },
    { connections: 20, 'rows/s': raw.pooledRowsPerSecond, 'Node CPU ms per row': '', 'PostgreSQL CPU ms per row': '' },
  ]);
}
