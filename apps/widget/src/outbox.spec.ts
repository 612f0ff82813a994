import { describe, expect, it } from 'vitest';
import { Outbox, type SendOutcome } from './outbox.js';
import type { VisitorMessage } from './protocol.js';
import { WidgetStore, type KeyValueStorage, type PendingMessage } from './store.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const stored = (pending: PendingMessage): VisitorMessage => ({
  id: `m-${pending.clientId}`,
  clientId: pending.clientId,
  from: 'visitor',
  text: pending.text,
  attachments: [],
  createdAt: pending.createdAt,
});

function setup(storage = memoryStorage()) {
  const events: string[] = [];
  const outbox = new Outbox(new WidgetStore(storage, 'w'), {
    sent: (pending) => events.push(`sent:${pending.text}`),
    rejected: (pending, reason) => events.push(`rejected:${pending.text}:${reason}`),
  });
  return { outbox, events, storage };
}

describe('Outbox', () => {
  it('sends queued messages in the order they were written', async () => {
    const { outbox, events } = setup();
    outbox.add('первое', 'a');
    outbox.add('второе', 'b');
    const sent: string[] = [];
    expect(await outbox.flush(async (p) => (sent.push(p.clientId), { kind: 'sent', message: stored(p) }))).toBe(true);
    expect(sent).toEqual(['a', 'b']);
    expect(events).toEqual(['sent:первое', 'sent:второе']);
    expect(outbox.pending()).toEqual([]);
  });

  it('keeps the message and everything after it when sending must wait', async () => {
    const { outbox } = setup();
    outbox.add('первое', 'a');
    outbox.add('второе', 'b');
    const attempts: string[] = [];
    expect(await outbox.flush(async (p) => (attempts.push(p.clientId), { kind: 'retry' }))).toBe(false);
    expect(attempts).toEqual(['a']);
    expect(outbox.pending().map((p) => p.clientId)).toEqual(['a', 'b']);
  });

  it('sends a message again with the same clientId after a failed attempt', async () => {
    const { outbox } = setup();
    outbox.add('привет', 'a');
    const attempts: string[] = [];
    const answers: SendOutcome['kind'][] = ['retry', 'sent'];
    const send = async (p: PendingMessage): Promise<SendOutcome> => {
      attempts.push(p.clientId);
      return answers.shift() === 'sent' ? { kind: 'sent', message: stored(p) } : { kind: 'retry' };
    };
    await outbox.flush(send);
    await outbox.flush(send);
    expect(attempts).toEqual(['a', 'a']);
    expect(outbox.pending()).toEqual([]);
  });

  it('drops a message the server refuses for good and goes on with the next', async () => {
    const { outbox, events } = setup();
    outbox.add('слишком длинное', 'a');
    outbox.add('нормальное', 'b');
    await outbox.flush(async (p) => (p.clientId === 'a' ? { kind: 'rejected', reason: 'too long' } : { kind: 'sent', message: stored(p) }));
    expect(events).toEqual(['rejected:слишком длинное:too long', 'sent:нормальное']);
  });

  it('keeps queued messages across page loads', () => {
    const storage = memoryStorage();
    setup(storage).outbox.add('после перезагрузки', 'a');
    expect(setup(storage).outbox.pending().map((p) => p.text)).toEqual(['после перезагрузки']);
  });

  it('forgets queued copies of messages the server already stored', () => {
    const { outbox } = setup();
    outbox.add('one', 'a');
    outbox.add('two', 'b');
    outbox.confirm(['a']);
    expect(outbox.pending().map((p) => p.clientId)).toEqual(['b']);
  });

  it('runs one flush at a time, so a message is never sent twice at once', async () => {
    const { outbox } = setup();
    outbox.add('one', 'a');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const attempts: string[] = [];
    const send = async (p: PendingMessage): Promise<SendOutcome> => {
      attempts.push(p.clientId);
      await gate;
      return { kind: 'sent', message: stored(p) };
    };
    const first = outbox.flush(send);
    const second = outbox.flush(send);
    release();
    await Promise.all([first, second]);
    expect(attempts).toEqual(['a']);
  });
});
