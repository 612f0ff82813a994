import { Logger } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, mergeAll, of, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeanIoAdapter } from './lean-io.adapter.js';

/** What Nest hands the adapter: a handler's result (value, promise or observable) as an observable. */
const toObservable = (result: unknown): Observable<unknown> =>
  from(Promise.resolve(result).then((value) => (isObservable(value) ? value : of(value)))).pipe(mergeAll());

function fakeSocket() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const emitted: Array<[string, unknown]> = [];
  const socket = {
    on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
    emit: (event: string, data: unknown) => emitted.push([event, data]),
  };
  return { socket: socket as unknown as Socket, emitted, receive: (event: string, ...args: unknown[]) => listeners.get(event)!(...args) };
}

/** A gateway handler as the tests write it; Nest's type wants a promise or an observable, it accepts any result. */
interface Handler {
  message: string;
  callback: (...args: never[]) => unknown;
  isAckHandledManually?: boolean;
}

function bind(handlers: Handler[]) {
  const client = fakeSocket();
  const mapped: MessageMappingProperties[] = handlers.map((h) => ({
    message: h.message,
    methodName: h.message,
    callback: h.callback as MessageMappingProperties['callback'],
    isAckHandledManually: h.isAckHandledManually ?? false,
  }));
  new LeanIoAdapter().bindMessageHandlers(client.socket, mapped, toObservable);
  return client;
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('LeanIoAdapter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers the acknowledgement with what the handler resolves to', async () => {
    const client = bind([{ message: 'catch_up', callback: async (body: { lastEventId: number }) => ({ events: [body.lastEventId] }) }]);
    const ack = vi.fn();
    client.receive('catch_up', { lastEventId: 7 }, ack);
    await settled();
    expect(ack).toHaveBeenCalledWith({ events: [7] });
  });

  it('emits the event an answer names instead of acknowledging', async () => {
    const client = bind([{ message: 'ping', callback: () => ({ event: 'pong', data: { at: 1 } }) }]);
    const ack = vi.fn();
    client.receive('ping', {}, ack);
    await settled();
    expect(client.emitted).toEqual([['pong', { at: 1 }]]);
    expect(ack).not.toHaveBeenCalled();
  });

  it('hands several arguments to the handler as one array when there is no acknowledgement', async () => {
    const callback = vi.fn(() => undefined);
    const client = bind([{ message: 'pair', callback }]);
    client.receive('pair', 'a', 'b');
    await settled();
    expect(callback).toHaveBeenCalledWith(['a', 'b'], undefined);
  });

  it('leaves the acknowledgement to a handler that answers it itself', async () => {
    const client = bind([{ message: 'manual', callback: () => ({ ok: true }), isAckHandledManually: true }]);
    const ack = vi.fn();
    client.receive('manual', {}, ack);
    await settled();
    expect(ack).not.toHaveBeenCalled();
  });

  it('logs a failing handler and still answers the next message', async () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let calls = 0;
    const client = bind([
      {
        message: 'flaky',
        callback: () => {
          calls += 1;
          if (calls === 1) throw new Error('first fails');
          return { ok: true };
        },
      },
    ]);
    const first = vi.fn();
    const second = vi.fn();
    client.receive('flaky', {}, first);
    client.receive('flaky', {}, second);
    await settled();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'first fails' }));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ ok: true });
  });
});
