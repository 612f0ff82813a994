/**
 * Fan-out: 1,000, 5,000 and 10,000 agent sockets on one server process; one message is broadcast to
 * all of them at a time and the per-socket delivery latency is measured (of message.created, and of the
 * whole change: the message and its conversation's event), with the server's memory per connection.
 * Baseline from the same run: a bare Socket.IO server broadcasting one small event to as many sockets.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { connectLightAgents, percentile, printTable, processUsage, progress, sleep, startStack, type LightAgent } from './support.js';

const SIZES = [1000, 5000, 10000];
const ROUNDS = 10;

/** A round's text; found in an event frame without decoding it. */
const roundText = (round: number) => `round:${round}:end`;
const ROUND_IN_FRAME = /round:(\d+):end/;

/** The event an event frame (`42<namespace>,["name",…]`) carries. */
function eventOf(frame: string): string {
  const start = frame.indexOf('["') + 2;
  return frame.slice(start, frame.indexOf('"', start));
}

/**
 * Sends one change per round and waits until every socket has every event of it: each entry of `expected`
 * names the events of which one is awaited (a change opens or updates a conversation). Answers per-socket
 * latencies of the first entry's event and of the whole change. The sockets are light connections (see
 * connectLightAgents): the bench's clients share this machine's two cores with the server, and decoding
 * every event in ten thousand full clients is what used to take most of the measured time.
 */
async function rounds(
  sockets: LightAgent[],
  expected: string[][],
  send: (round: number) => Promise<void>,
  roundOf: (frame: string) => number | undefined,
): Promise<{ first: number[]; whole: number[] }> {
  const first: number[] = [];
  const whole: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let pending = sockets.length;
    const sentAt = performance.now();
    const done = new Promise<void>((resolve) => {
      for (const s of sockets) {
        const missing = new Set(expected.keys());
        s.onEvent = (frame) => {
          if (roundOf(frame) !== round) return;
          const event = eventOf(frame);
          const entry = expected.findIndex((events) => events.includes(event));
          if (entry < 0 || !missing.delete(entry)) return;
          const latency = performance.now() - sentAt;
          if (entry === 0) first.push(latency);
          if (missing.size > 0) return;
          whole.push(latency);
          if (--pending === 0) resolve();
        };
      }
    });
    await send(round);
    await Promise.race([done, sleep(20_000)]);
    for (const s of sockets) s.onEvent = undefined;
  }
  return { first, whole };
}

async function bare(count: number) {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  server.on('connection', (s) => s.emit('ready'));
  // Smaller batches: this process accepts and opens both ends, and a full listen backlog resets connections.
  const sockets = await connectLightAgents(`http://127.0.0.1:${port}`, '/', {}, count, 'ready', 50);
  const { first: latencies } = await rounds(sockets, [['tick']], async (round) => void server.emit('tick', roundText(round)), (frame) => {
    const found = ROUND_IN_FRAME.exec(frame);
    return found ? Number(found[1]) : undefined;
  });
  sockets.forEach((s) => s.close());
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return percentile(latencies, 99);
}

export async function run(args: string[]) {
  const sizes = args.find((a) => a.startsWith('--sizes='))?.slice(8).split(',').map(Number) ?? SIZES;
  const bareMax = Number(args.find((a) => a.startsWith('--bare-max='))?.slice(11) ?? 5000);
  const stack = await startStack('pglite');
  try {
    const created = await fetch(`${stack.url}/api/inboxes`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` }, body: JSON.stringify({ type: 'api', name: 'fanout', settings: {} }) });
    const inbox = (await created.json()) as { id: string; webhookSecret: string };
    const sendMessage = async (externalId: string, text: string) => {
      const body = JSON.stringify({ externalId, contact: { externalId: 'c' }, text });
      const signature = `sha256=${createHmac('sha256', inbox.webhookSecret).update(body).digest('hex')}`;
      await fetch(`${stack.url}/webhooks/${inbox.id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    };
    // The stack's first webhook runs cold code and opens the conversation; the rounds measure the ones after.
    await sendMessage('fan-warm-up', 'warm-up');
    const rows = [];
    let connected: LightAgent[] = [];
    for (const size of sizes) {
      const base = processUsage(stack.server.child.pid!).rssMb;
      progress(`connecting ${size} agent sockets…`);
      connected = await connectLightAgents(stack.url, '/agents', { token: stack.token }, size, 'ready');
      const rss = processUsage(stack.server.child.pid!).rssMb;
      progress(`${size} sockets: ${ROUNDS} broadcasts…`);
      const { first: latencies, whole } = await rounds(
        connected,
        [['message.created'], ['conversation.created', 'conversation.updated']],
        (round) => sendMessage(`fan-${size}-${round}`, roundText(round)),
        // The round's text: in the message's content, and in the conversation's last-message preview.
        (frame) => {
          const found = ROUND_IN_FRAME.exec(frame);
          return found ? Number(found[1]) : undefined;
        },
      );
      // Closed before the baseline: this process holds both ends of the bare server's sockets, and the two sets together would pass the open-file limit.
      connected.forEach((s) => s.close());
      progress(`${size} sockets: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, server RSS ${rss.toFixed(0)} MB; bare Socket.IO baseline…`);
      await sleep(2000);
      // Both ends of the bare server's sockets live in this process: above --bare-max (default 5,000)
      // they would pass a 20,000 open-file limit, so the baseline is skipped there.
      const bareP99 = size <= bareMax ? await bare(size) : 'skipped';
      rows.push({ sockets: size, 'p50 ms': percentile(latencies, 50), 'p99 ms': percentile(latencies, 99), 'whole change p99 ms': percentile(whole, 99), 'bare Socket.IO p99 ms': bareP99, 'server RSS MB': rss, 'KB per connection': ((rss - base) * 1024) / size });
      await sleep(1000);
    }
    printTable('Fan-out: one message to every connected agent (latency: webhook sent -> each socket received)', rows);
  } finally {
    await stack.stop();
  }
}
