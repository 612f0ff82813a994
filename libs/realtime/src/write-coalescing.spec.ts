import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from './write-coalescing.js';

interface Started {
  http: HttpServer;
  server: Server;
  client: ClientSocket;
  /** The server's TCP socket of the one client, with its system-level writes counted. */
  writes: { calls: number; chunks: number };
}

let started: Started | undefined;

async function start(coalesce: boolean): Promise<Started> {
  const http = createServer();
  const server = new Server(http, { transports: ['websocket'] });
  if (coalesce) coalesceWrites(server.engine);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const connected = new Promise<NetSocket>((resolve) => server.on('connection', (socket) => resolve(socket.request.socket as NetSocket)));
  const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false });
  const tcp = await connected;
  await new Promise<void>((resolve) => (client.connected ? resolve() : client.once('connect', () => resolve())));
  const writes = { calls: 0, chunks: 0 };
  // What net.Socket hands the kernel: one call to either is one system call.
  const socket = tcp as unknown as { _writev: (chunks: unknown[], cb: unknown) => void; _write: (chunk: unknown, enc: unknown, cb: unknown) => void };
  const writev = socket._writev.bind(tcp);
  const write = socket._write.bind(tcp);
  socket._writev = (chunks, cb) => {
    writes.calls += 1;
    writes.chunks += chunks.length;
    writev(chunks, cb);
  };
  socket._write = (chunk, enc, cb) => {
    writes.calls += 1;
    writes.chunks += 1;
    write(chunk, enc, cb);
  };
  started = { http, server, client, writes };
  return started;
}

function receive(client: ClientSocket, count: number): Promise<Array<[string, unknown]>> {
  const got: Array<[string, unknown]> = [];
  return new Promise((resolve) =>
    client.onAny((event: string, data: unknown) => {
      got.push([event, data]);
      if (got.length === count) resolve(got);
    }),
  );
}

afterEach(async () => {
  if (!started) return;
  started.client.disconnect();
  await new Promise<void>((resolve) => started!.server.close(() => resolve()));
  started = undefined;
});

describe('coalesceWrites', () => {
  it('sends the events of one turn to a socket in one system call, in the order they were emitted', async () => {
    const { server, client, writes } = await start(true);
    const arrived = receive(client, 3);
    server.emit('message.created', { id: 1, text: 'Здравствуйте' });
    server.emit('conversation.updated', { id: 'c1' });
    server.to([...server.sockets.sockets.keys()]).emit('message.created', { id: 2 });
    expect(await arrived).toEqual([
      ['message.created', { id: 1, text: 'Здравствуйте' }],
      ['conversation.updated', { id: 'c1' }],
      ['message.created', { id: 2 }],
    ]);
    expect(writes.calls).toBe(1);
    expect(writes.chunks).toBeGreaterThanOrEqual(3);
  });

  it('writes again in the next turn, so nothing waits beyond the turn it was emitted in', async () => {
    const { server, client, writes } = await start(true);
    const first = receive(client, 1);
    server.emit('first', 1);
    expect(await first).toEqual([['first', 1]]);
    const second = new Promise((resolve) => client.once('second', resolve));
    server.emit('second', 2);
    expect(await second).toBe(2);
    expect(writes.calls).toBe(2);
  });

  it('is what saves the calls: plain Socket.IO writes each event on its own', async () => {
    const { server, client, writes } = await start(false);
    const arrived = receive(client, 2);
    server.emit('message.created', { id: 1 });
    server.emit('conversation.updated', { id: 'c1' });
    await arrived;
    expect(writes.calls).toBe(2);
  });
});
