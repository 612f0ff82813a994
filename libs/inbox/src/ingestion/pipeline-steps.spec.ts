import { describe, expect, it, vi } from 'vitest';
import { WebhookAuthError, WebhookPayloadError, type ChannelAdapter, type ChannelContext, type InboundMessageEvent } from '@channel-adapters/core';
import { webhookRequest } from '@channel-adapters/core/testing';
import { DomainException, ErrorCode } from '@app/common';
import type { Conversation, Message } from '@app/db';
import type { ConversationsRepository, Executor } from '../conversations/conversations.repository.js';
import type { MessagesRepository } from '../conversations/messages.repository.js';
import {
  blacklistVerdict,
  conversationAfterIncoming,
  findDuplicate,
  findOrOpenConversation,
  parseRequest,
  persistIncomingMessage,
  verifyRequest,
  type IncomingContent,
} from './pipeline-steps.js';

/**
 * A fake that has only the methods it is given, each a vi.fn spy; touching anything else throws,
 * so a step that makes a call the test did not plan for fails loudly.
 */
function strictFake<T extends object>(name: string, methods: Partial<T>): T {
  const spies: Record<PropertyKey, unknown> = {};
  for (const [key, impl] of Object.entries(methods)) spies[key] = vi.fn(impl as (...args: unknown[]) => unknown);
  return new Proxy(spies, {
    get(target, property) {
      if (property in target) return target[property];
      // Promise resolution and inspection probe these; they are not calls.
      if (typeof property === 'symbol' || property === 'then') return undefined;
      throw new Error(`Unexpected use of ${name}.${String(property)}`);
    },
  }) as T;
}

/** Stands for the transaction: the steps only hand it on, so any method call on it fails. */
const tx = Object.freeze({}) as unknown as Executor;

const INBOX_ID = '01900000-0000-7000-8000-00000000000a';
const CONTACT_ID = '01900000-0000-7000-8000-00000000000c';
const IDENTITY_ID = '01900000-0000-7000-8000-00000000000d';
const CONVERSATION_ID = '01900000-0000-7000-8000-0000000000c1';
const context: ChannelContext = { inboxId: INBOX_ID, settings: { webhookSecret: 's' } };
const request = webhookRequest({ body: { hello: 'мир' } });

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  const at = new Date('2025-03-01T10:00:00Z');
  return {
    id: CONVERSATION_ID,
    inboxId: INBOX_ID,
    contactId: CONTACT_ID,
    contactIdentityId: IDENTITY_ID,
    status: 'open',
    snoozedUntil: null,
    priority: null,
    labels: [],
    assigneeId: null,
    teamId: null,
    dealId: null,
    subject: null,
    threadKey: null,
    unreadCount: 0,
    lastMessageAt: at,
    lastMessagePreview: null,
    lastIncomingAt: null,
    firstReplyAt: null,
    resolvedAt: null,
    attributes: {},
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function message(overrides: Partial<Message> = {}): Message {
  const at = new Date('2025-03-01T11:00:00Z');
  return {
    id: '01900000-0000-7000-8000-0000000000m1',
    conversationId: CONVERSATION_ID,
    inboxId: INBOX_ID,
    messageType: 'incoming',
    senderType: 'contact',
    senderId: CONTACT_ID,
    content: 'Привет',
    contentAttributes: {},
    externalId: 'ext-1',
    status: 'received',
    error: null,
    attempts: 0,
    replyToId: null,
    searchText: 'привет',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

const adapterWith = (methods: Partial<ChannelAdapter>) => strictFake<ChannelAdapter>('adapter', methods);

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('verifyRequest', () => {
  it('passes the request and context to the adapter and resolves when the signature is good', async () => {
    const adapter = adapterWith({ verify: async () => undefined });
    await verifyRequest(adapter, request, context);
    expect(adapter.verify).toHaveBeenCalledWith(request, context);
  });

  it('answers webhook_signature_invalid with the adapter’s reason when the adapter rejects the signature', async () => {
    const adapter = adapterWith({
      verify: async () => {
        throw new WebhookAuthError('X-Hub-Signature-256 does not match the body');
      },
    });
    const error = await rejectionOf(verifyRequest(adapter, request, context));
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe(ErrorCode.WebhookSignatureInvalid);
    expect((error as DomainException).options.params).toEqual({ reason: 'X-Hub-Signature-256 does not match the body' });
  });

  it('re-throws any other error unchanged when verification fails for another reason', async () => {
    const broken = new TypeError('settings unreadable');
    const adapter = adapterWith({
      verify: async () => {
        throw broken;
      },
    });
    expect(await rejectionOf(verifyRequest(adapter, request, context))).toBe(broken);
  });
});

describe('parseRequest', () => {
  it('answers the adapter’s events and reply when the payload is valid', async () => {
    const parsed = { events: [], reply: { status: 200, body: 'ok' } };
    const adapter = adapterWith({ parse: async () => parsed });
    expect(await parseRequest(adapter, request, context)).toBe(parsed);
    expect(adapter.parse).toHaveBeenCalledWith(request, context);
  });

  it('answers webhook_payload_invalid with every field error when the payload is malformed', async () => {
    const adapter = adapterWith({
      parse: async () => {
        throw new WebhookPayloadError('The message is invalid', [
          { field: 'contact.externalId', message: 'Required' },
          { field: 'attachments.0.url', message: 'must be an http or https URL' },
        ]);
      },
    });
    const error = (await rejectionOf(parseRequest(adapter, request, context))) as DomainException;
    expect(error).toBeInstanceOf(DomainException);
    expect(error.code).toBe(ErrorCode.WebhookPayloadInvalid);
    expect(error.options.errors).toEqual([
      { field: 'contact.externalId', message: 'Required' },
      { field: 'attachments.0.url', message: 'must be an http or https URL' },
    ]);
    expect(error.options.params?.reason).toContain('The message is invalid');
  });

  it('re-throws any other error unchanged when parsing fails for another reason', async () => {
    const broken = new RangeError('boom');
    const adapter = adapterWith({
      parse: async () => {
        throw broken;
      },
    });
    expect(await rejectionOf(parseRequest(adapter, request, context))).toBe(broken);
  });
});

describe('findDuplicate', () => {
  it('looks the event up by inbox and external id', async () => {
    const stored = message();
    const messages = strictFake<MessagesRepository>('messages', { findByExternalId: async () => stored });
    expect(await findDuplicate(messages, INBOX_ID, 'ext-1')).toBe(stored);
    expect(messages.findByExternalId).toHaveBeenCalledWith(INBOX_ID, 'ext-1');
  });
});

describe('blacklistVerdict', () => {
  it('hides the message with the reason contact_blocked when the contact is blocked', () => {
    expect(blacklistVerdict({ blocked: true })).toEqual({ hidden: true, reason: 'contact_blocked' });
  });

  it('lets the message through when the contact is not blocked', () => {
    expect(blacklistVerdict({ blocked: false })).toEqual({ hidden: false });
  });
});

describe('findOrOpenConversation', () => {
  const at = new Date('2025-03-02T08:00:00Z');
  const args = { inboxId: INBOX_ID, contactId: CONTACT_ID, identityId: IDENTITY_ID, threadKey: 'thread-7', at };

  it('reuses the contact’s active conversation and opens none when one exists', async () => {
    const active = conversation({ status: 'snoozed' });
    const conversations = strictFake<ConversationsRepository>('conversations', { findActive: async () => active });
    expect(await findOrOpenConversation(conversations, tx, args)).toEqual({ conversation: active, created: false });
    expect(conversations.findActive).toHaveBeenCalledWith(tx, INBOX_ID, CONTACT_ID, 'thread-7');
  });

  it('inserts an open conversation for the contact and identity when none is active', async () => {
    const inserted = conversation({ threadKey: 'thread-7' });
    const conversations = strictFake<ConversationsRepository>('conversations', {
      findActive: async () => undefined,
      insert: async () => inserted,
    });
    expect(await findOrOpenConversation(conversations, tx, args)).toEqual({ conversation: inserted, created: true });
    expect(conversations.insert).toHaveBeenCalledWith(tx, {
      inboxId: INBOX_ID,
      contactId: CONTACT_ID,
      contactIdentityId: IDENTITY_ID,
      threadKey: 'thread-7',
      status: 'open',
      lastMessageAt: at,
    });
  });

  it('joins the conversation of a message the reply answers before looking at the thread key', async () => {
    const answered = conversation({ threadKey: 'another-thread' });
    const conversations = strictFake<ConversationsRepository>('conversations', { findActiveByMessage: async () => answered });
    const related = ['<reply-2@shop.example>', '<root@customer.example>'];
    expect(await findOrOpenConversation(conversations, tx, { ...args, relatedExternalIds: related })).toEqual({ conversation: answered, created: false });
    expect(conversations.findActiveByMessage).toHaveBeenCalledWith(tx, INBOX_ID, CONTACT_ID, related);
  });

  it('falls back to the thread key when none of the answered messages is in an open conversation', async () => {
    const active = conversation({ threadKey: 'thread-7' });
    const conversations = strictFake<ConversationsRepository>('conversations', { findActiveByMessage: async () => undefined, findActive: async () => active });
    expect(await findOrOpenConversation(conversations, tx, { ...args, relatedExternalIds: ['<unknown@x>'] })).toEqual({ conversation: active, created: false });
  });

  it('joins the active conversation found with the sender without looking it up again', async () => {
    const active = conversation({ threadKey: 'thread-7' });
    const conversations = strictFake<ConversationsRepository>('conversations', {});
    expect(await findOrOpenConversation(conversations, tx, { ...args, active })).toEqual({ conversation: active, created: false });
  });

  it('opens a conversation without looking again when the sender’s lookup found none active', async () => {
    const inserted = conversation({ threadKey: 'thread-7' });
    const conversations = strictFake<ConversationsRepository>('conversations', { insert: async () => inserted });
    expect(await findOrOpenConversation(conversations, tx, { ...args, active: null })).toEqual({ conversation: inserted, created: true });
  });
});

describe('persistIncomingMessage', () => {
  /** A repository that stores whatever it is given, as the database would answer it. */
  function storingMessages(extra: Partial<MessagesRepository> = {}) {
    return strictFake<MessagesRepository>('messages', {
      insertUnlessDuplicate: async (_executor, values) => message({ ...(values as Partial<Message>), id: '01900000-0000-7000-8000-0000000000m9' }),
      ...extra,
    });
  }
  const insertedValues = (messages: MessagesRepository) => vi.mocked(messages.insertUnlessDuplicate).mock.calls[0][1];
  const textEvent = (overrides: Partial<InboundMessageEvent> = {}): IncomingContent => ({
    kind: 'message',
    externalId: 'ext-1',
    contact: { externalId: 'cust-1' },
    text: 'Привет, ЁЖИК   Ёлкин',
    ...overrides,
  });
  const persist = (messages: MessagesRepository, event: IncomingContent, extra: { text?: string | null; hidden?: boolean; attributes?: Record<string, unknown> } = {}) =>
    persistIncomingMessage(messages, tx, {
      conversation: conversation(),
      contactId: CONTACT_ID,
      event,
      text: extra.text === undefined ? 'Привет, ЁЖИК   Ёлкин' : extra.text,
      hidden: extra.hidden ?? false,
      attributes: extra.attributes ?? {},
    });

  it('stores a customer’s message as incoming from the contact with folded search text', async () => {
    const messages = storingMessages();
    const stored = await persist(messages, textEvent());
    expect(stored?.id).toBe('01900000-0000-7000-8000-0000000000m9');
    expect(vi.mocked(messages.insertUnlessDuplicate)).toHaveBeenCalledWith(tx, {
      conversationId: CONVERSATION_ID,
      inboxId: INBOX_ID,
      messageType: 'incoming',
      senderType: 'contact',
      senderId: CONTACT_ID,
      content: 'Привет, ЁЖИК   Ёлкин',
      externalId: 'ext-1',
      status: 'received',
      replyToId: null,
      contentAttributes: {},
      searchText: 'привет, ежик елкин',
    });
    expect(insertedValues(messages)).not.toHaveProperty('createdAt');
  });

  it('stores an echo of a message the company sent from the channel as outgoing, sent, from no user', async () => {
    const messages = storingMessages();
    await persist(messages, textEvent({ outgoing: true }));
    expect(insertedValues(messages)).toMatchObject({ messageType: 'outgoing', senderType: 'user', senderId: null, status: 'sent' });
  });

  it('stores a button press as incoming with its payload in the attributes', async () => {
    const messages = storingMessages();
    await persist(messages, { kind: 'button', externalId: 'press-1', contact: { externalId: 'cust-1' }, payload: 'confirm' }, { text: 'confirm', attributes: { buttonPayload: 'confirm' } });
    expect(insertedValues(messages)).toMatchObject({
      messageType: 'incoming',
      senderType: 'contact',
      senderId: CONTACT_ID,
      content: 'confirm',
      status: 'received',
      contentAttributes: { buttonPayload: 'confirm' },
    });
  });

  it('stores unsupported content as a system message that keeps the raw payload', async () => {
    const messages = storingMessages();
    const raw = { sticker: { id: 'st-1' } };
    await persist(messages, { kind: 'unsupported', externalId: 'u-1', description: 'sticker', raw }, { text: 'Стикер', attributes: { unsupported: true, raw } });
    expect(insertedValues(messages)).toMatchObject({ messageType: 'system', senderType: 'system', status: 'received', content: 'Стикер', contentAttributes: { unsupported: true, raw } });
  });

  it('marks the message hidden on top of its attributes when the blacklist hides it', async () => {
    const messages = storingMessages();
    await persist(messages, textEvent(), { hidden: true, attributes: { buttonPayload: 'x' } });
    expect(insertedValues(messages).contentAttributes).toEqual({ buttonPayload: 'x', hidden: true });
  });

  it('keeps the channel’s timestamp when it lies in the past', async () => {
    const messages = storingMessages();
    const sentAt = new Date('2024-12-31T23:59:00Z');
    await persist(messages, textEvent({ sentAt }));
    expect(insertedValues(messages).createdAt).toEqual(sentAt);
  });

  it('clamps the channel’s timestamp to now when it lies in the future or is invalid', async () => {
    for (const sentAt of [new Date(Date.now() + 3_600_000), new Date('not a date')]) {
      const messages = storingMessages();
      const before = Date.now();
      await persist(messages, textEvent({ sentAt }));
      const createdAt = insertedValues(messages).createdAt as Date;
      expect(createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it('links the reply to the stored message the channel names, or to none when it is unknown', async () => {
    const target = message({ id: '01900000-0000-7000-8000-0000000000r1', externalId: 'ext-0' });
    const known = storingMessages({ findByExternalId: async () => target });
    await persist(known, textEvent({ replyToExternalId: 'ext-0' }));
    expect(known.findByExternalId).toHaveBeenCalledWith(INBOX_ID, 'ext-0', tx);
    expect(insertedValues(known).replyToId).toBe(target.id);

    const unknown = storingMessages({ findByExternalId: async () => undefined });
    await persist(unknown, textEvent({ replyToExternalId: 'gone' }));
    expect(insertedValues(unknown).replyToId).toBeNull();
  });

  it('inserts the attachments of the stored message', async () => {
    const messages = storingMessages({ insertAttachments: async () => [] });
    const stored = await persist(
      messages,
      textEvent({
        attachments: [
          { fileName: 'счёт.pdf', contentType: 'application/pdf', sizeBytes: 2048, url: 'https://files.example.ru/a.pdf' },
          { fileName: 'photo.jpg', contentType: 'image/jpeg' },
        ],
      }),
    );
    expect(messages.insertAttachments).toHaveBeenCalledWith(tx, [
      { messageId: stored!.id, fileName: 'счёт.pdf', contentType: 'application/pdf', sizeBytes: 2048, storageKey: null, externalUrl: 'https://files.example.ru/a.pdf' },
      { messageId: stored!.id, fileName: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: null, storageKey: null, externalUrl: null },
    ]);
  });

  it('keeps the id and storage key of a file stored before the message', async () => {
    const messages = storingMessages({ insertAttachments: async () => [] });
    const fileId = '01900000-0000-7000-8000-0000000000f9';
    const stored = await persist(messages, textEvent({ attachments: [{ id: fileId, storageKey: fileId, fileName: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: 58_211 } as never] }));
    expect(messages.insertAttachments).toHaveBeenCalledWith(tx, [
      { id: fileId, messageId: stored!.id, fileName: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: 58_211, storageKey: fileId, externalUrl: null },
    ]);
  });

  it('answers undefined and inserts no attachments when a concurrent delivery stored the message first', async () => {
    // No insertAttachments on the fake: calling it would throw.
    const messages = strictFake<MessagesRepository>('messages', { insertUnlessDuplicate: async () => undefined });
    const event = textEvent({ attachments: [{ fileName: 'a.txt', contentType: 'text/plain' }] });
    expect(await persist(messages, event)).toBeUndefined();
  });
});

describe('conversationAfterIncoming', () => {
  const at = new Date('2025-03-01T12:00:00Z');

  it('counts a customer’s message as unread and shows it in the preview', () => {
    const changes = conversationAfterIncoming(conversation({ unreadCount: 2 }), message({ content: '  Где   заказ?\n', createdAt: at }), []);
    expect(changes).toEqual({ lastMessageAt: at, lastMessagePreview: 'Где заказ?', unreadCount: 3, lastIncomingAt: at });
  });

  it('reopens a snoozed or pending conversation when the customer writes', () => {
    for (const status of ['snoozed', 'pending'] as const) {
      const changes = conversationAfterIncoming(conversation({ status, snoozedUntil: new Date('2025-04-01T00:00:00Z') }), message({ createdAt: at }), []);
      expect(changes).toMatchObject({ status: 'open', snoozedUntil: null, unreadCount: 1 });
    }
  });

  it('leaves the status alone when the conversation is already open', () => {
    const changes = conversationAfterIncoming(conversation(), message({ createdAt: at }), []);
    expect(changes).not.toHaveProperty('status');
    expect(changes).not.toHaveProperty('snoozedUntil');
  });

  it('updates the preview but not the unread count, status or last incoming time for an outgoing echo', () => {
    const snoozed = conversation({ status: 'snoozed', unreadCount: 4 });
    const changes = conversationAfterIncoming(snoozed, message({ messageType: 'outgoing', senderType: 'user', content: 'Мы ответили из приложения', createdAt: at }), []);
    expect(changes).toEqual({ lastMessageAt: at, lastMessagePreview: 'Мы ответили из приложения' });
  });

  it('keeps the later lastMessageAt when a delayed message is older', () => {
    const latest = new Date('2025-03-05T00:00:00Z');
    const changes = conversationAfterIncoming(conversation({ lastMessageAt: latest }), message({ createdAt: at }), []);
    expect(changes.lastMessageAt).toEqual(latest);
  });

  it('sets lastMessageAt from the message when the conversation has none yet', () => {
    const changes = conversationAfterIncoming(conversation({ lastMessageAt: null }), message({ createdAt: at }), []);
    expect(changes.lastMessageAt).toEqual(at);
  });

  it('previews the attachment names when the message has no text', () => {
    const changes = conversationAfterIncoming(conversation(), message({ content: null, createdAt: at }), ['счёт.pdf', 'фото.jpg']);
    expect(changes.lastMessagePreview).toBe('📎 счёт.pdf, 📎 фото.jpg');
  });
});
