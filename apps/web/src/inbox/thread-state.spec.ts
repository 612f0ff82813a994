import { describe, expect, it } from 'vitest';
import type { Message, TimelineEntry } from '../api/types.js';
import { deliveryTick, isImage, prependPage, upsertMessage } from './thread-state.js';

function msg(id: string, at: string, overrides: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 'c',
    inboxId: 'i',
    messageType: 'outgoing',
    senderType: 'user',
    senderId: 'u',
    content: id,
    status: 'queued',
    error: null,
    attachments: [],
    contentAttributes: {},
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
const entry = (m: Message): TimelineEntry => ({ kind: 'message', at: m.createdAt, message: m });

describe('thread entries', () => {
  it('adds a live message in time order and replaces it when its status changes', () => {
    let entries = [entry(msg('a', '2026-11-28T10:00:00.000Z')), entry(msg('c', '2026-11-28T10:02:00.000Z'))];
    entries = upsertMessage(entries, msg('b', '2026-11-28T10:01:00.000Z'));
    expect(entries.map((e) => (e.kind === 'message' ? e.message.id : ''))).toEqual(['a', 'b', 'c']);
    entries = upsertMessage(entries, msg('b', '2026-11-28T10:01:00.000Z', { status: 'sent', updatedAt: '2026-11-28T10:01:05.000Z' }));
    expect(entries).toHaveLength(3);
    expect(entries[1].kind === 'message' && entries[1].message.status).toBe('sent');
  });

  it('keeps the newer status when an older copy arrives after it', () => {
    const delivered = msg('a', '2026-11-28T10:00:00.000Z', { status: 'delivered', updatedAt: '2026-11-28T10:00:09.000Z' });
    const entries = upsertMessage([entry(delivered)], msg('a', '2026-11-28T10:00:00.000Z', { status: 'sent', updatedAt: '2026-11-28T10:00:05.000Z' }));
    expect(entries[0].kind === 'message' && entries[0].message.status).toBe('delivered');
  });

  it('prepends an older page without duplicates', () => {
    const shown = [entry(msg('b', '2026-11-28T10:01:00.000Z'))];
    const older = [entry(msg('a', '2026-11-28T10:00:00.000Z')), entry(msg('b', '2026-11-28T10:01:00.000Z'))];
    expect(prependPage(shown, older).map((e) => (e.kind === 'message' ? e.message.id : ''))).toEqual(['a', 'b']);
  });
});

describe('deliveryTick', () => {
  it('marks only replies to the customer', () => {
    expect(deliveryTick(msg('a', 'x', { status: 'failed' }))).toBe('failed');
    expect(deliveryTick(msg('a', 'x', { messageType: 'note', status: 'sent' }))).toBeNull();
    expect(deliveryTick(msg('a', 'x', { messageType: 'incoming', status: 'received' }))).toBeNull();
  });
});

describe('isImage', () => {
  it('recognises images by content type or file extension', () => {
    expect(isImage('image/png', null)).toBe(true);
    expect(isImage('application/octet-stream', 'https://x.ru/a.JPG?v=1')).toBe(true);
    expect(isImage('application/pdf', 'https://x.ru/a.pdf')).toBe(false);
  });
});
