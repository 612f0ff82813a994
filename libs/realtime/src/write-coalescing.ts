import type { Socket as NetSocket } from 'node:net';

/** The parts of an engine.io server and connection this module uses. */
export interface CoalescableEngine {
  on(event: 'connection', listener: (connection: CoalescableConnection) => void): unknown;
}
export interface CoalescableConnection {
  flush(): void;
  transport?: { name?: string; socket?: { _socket?: NetSocket } };
}

const coalesced = new WeakSet<object>();

/**
 * Sends everything a connection is given during one turn of the event loop in one write.
 *
 * engine.io flushes each packet as it is emitted, and for a WebSocket that is one frame and one `writev`
 * system call per event per socket; while that write is in flight, the next event waits in the
 * connection's buffer and goes out in a write of its own. An incoming message announces two events
 * (`message.created`, `conversation.updated`), and several webhooks finish in one turn when traffic is
 * high, so with fifty agents a message cost a hundred system calls, a third of its CPU. Here a
 * connection's flush waits for the end of the current turn (`setImmediate`, after the turn's I/O
 * callbacks), then hands the transport everything buffered at once with the TCP socket corked, so every
 * frame of the turn leaves in one `writev`, in the order it was emitted. Frames, events and their order
 * are exactly those Socket.IO would send; only the system calls are fewer.
 */
export function coalesceWrites(engine: CoalescableEngine): void {
  if (coalesced.has(engine)) return;
  coalesced.add(engine);
  const due = new Map<CoalescableConnection, () => void>();
  let scheduled = false;
  const flushDue = () => {
    scheduled = false;
    const batch = [...due];
    due.clear();
    for (const [connection, flush] of batch) {
      const tcp = connection.transport?.name === 'websocket' ? connection.transport.socket?._socket : undefined;
      const corked = typeof tcp?.cork === 'function' && !tcp.destroyed;
      if (corked) tcp.cork();
      try {
        flush();
      } finally {
        if (corked) tcp.uncork();
      }
    }
  };
  engine.on('connection', (connection) => {
    const flush = connection.flush.bind(connection);
    connection.flush = () => {
      due.set(connection, flush);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushDue);
      }
    };
  });
}
