import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { and, asc, count, eq } from 'drizzle-orm';
import type { InboundContact, InboundEvent, InboundMessageEvent } from '@channel-adapters/core';
import { AuthModule, UsersModule } from '@app/auth';
import { ConfigModule, loadConfig } from '@app/config';
import { ContactsService, CrmModule } from '@app/crm';
import { contactIdentities, contacts, conversations, DbModule, inboxes, messages, realtimeEvents, type DatabaseHandle, type Db, type Inbox } from '@app/db';
import { QueueModule } from '@app/queue';
import { RealtimeModule } from '@app/realtime';
import { databaseTargets } from '../../../../test/support/databases.js';
import type { ChannelAdapters } from '../channel-adapters.port.js';
import { InboxModule } from '../inbox.module.js';
import { IngestionService } from './ingestion.service.js';

const APP_SECRET = 'ingestion-spec-secret-0123456789abcdef0123';

/** ingest() takes normalized events, so no adapter is ever asked for. */
const noAdapters: ChannelAdapters = {
  has: () => false,
  get: (type) => {
    throw new Error(`No adapter expected, asked for ${type}`);
  },
};

/** The inbox domain as the server wires it, without HTTP, Socket.IO server or job processing. */
function ingestionModule(database: DatabaseHandle): DynamicModule {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', DEFAULT_LOCALE: 'en', DEFAULT_PHONE_REGION: 'RU' });
  @Module({})
  class IngestionSpecModule {}
  return {
    module: IngestionSpecModule,
    imports: [
      ConfigModule.forRoot(config),
      DbModule.forHandle(database),
      AuthModule.forRoot({
        appSecret: APP_SECRET,
        jwtTtlSeconds: config.JWT_TTL_SECONDS,
        loginMaxAttempts: config.LOGIN_MAX_ATTEMPTS,
        loginWindowSeconds: config.LOGIN_WINDOW_SECONDS,
      }),
      UsersModule,
      CrmModule,
      QueueModule.forRoot({ runProcessors: false }),
      RealtimeModule.forRoot(),
      InboxModule.forRoot({ appSecret: APP_SECRET, adapters: noAdapters, runsJobs: false, defaultLocale: 'en' }),
    ],
  };
}

describe.each(databaseTargets())('IngestionService on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let app: INestApplicationContext;
    let db: Db;
    let ingestion: IngestionService;
    let inbox: Inbox;

    beforeAll(async () => {
      const handle = await target.open();
      db = handle.db;
      app = await NestFactory.createApplicationContext(ingestionModule(handle), { logger: false, abortOnError: false });
      await app.init();
      ingestion = app.get(IngestionService);
      [inbox] = await db.insert(inboxes).values({ type: 'api', name: 'Сайт', settings: {} }).returning();
    });
    // Closing the application closes the database too.
    afterAll(() => app?.close());

    const newContact = (extra: Partial<InboundContact> = {}): InboundContact => ({ externalId: `cust-${randomUUID()}`, name: 'Анна Ёлкина', ...extra });
    const textMessage = (contact: InboundContact, text: string, extra: Partial<InboundMessageEvent> = {}): InboundMessageEvent => ({
      kind: 'message',
      externalId: `msg-${randomUUID()}`,
      contact,
      text,
      ...extra,
    });
    const ingest = (event: InboundEvent) => ingestion.ingest(inbox, event);

    const contactCount = async () => (await db.select({ n: count() }).from(contacts))[0].n;
    const identitiesOf = (externalId: string) =>
      db.select().from(contactIdentities).where(and(eq(contactIdentities.inboxId, inbox.id), eq(contactIdentities.externalId, externalId)));
    const conversationsOf = (contactId: string) => db.select().from(conversations).where(eq(conversations.contactId, contactId));
    const messagesIn = (conversationId: string) => db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id));
    const messageByExternalId = async (externalId: string) =>
      (await db.select().from(messages).where(and(eq(messages.inboxId, inbox.id), eq(messages.externalId, externalId))))[0];
    const liveEventsOf = (conversationId: string) =>
      db.select().from(realtimeEvents).where(eq(realtimeEvents.conversationId, conversationId)).orderBy(asc(realtimeEvents.id));

    /** A reply an agent sent earlier, which the channel acknowledged with its own id. */
    async function sentReply(externalId: string) {
      const contact = newContact();
      await ingest(textMessage(contact, 'Есть доставка?'));
      const [identity] = await identitiesOf(contact.externalId);
      const [conversation] = await conversationsOf(identity.contactId);
      const [reply] = await db
        .insert(messages)
        .values({ conversationId: conversation.id, inboxId: inbox.id, messageType: 'outgoing', senderType: 'user', content: 'Да, по всей России', status: 'sent', externalId })
        .returning();
      return reply;
    }

    it('makes one contact, identity and conversation with both messages when a new customer’s first two messages arrive at once', async () => {
      const contact = newContact();
      const before = await contactCount();

      const stored = await Promise.all([ingest(textMessage(contact, 'Здравствуйте')), ingest(textMessage(contact, 'Есть ли размер M?'))]);

      expect(stored).toEqual([true, true]);
      expect(await contactCount()).toBe(before + 1);
      const identities = await identitiesOf(contact.externalId);
      expect(identities).toHaveLength(1);
      const threads = await conversationsOf(identities[0].contactId);
      expect(threads).toHaveLength(1);
      expect(threads[0]).toMatchObject({ status: 'open', unreadCount: 2, contactIdentityId: identities[0].id });
      expect((await messagesIn(threads[0].id)).map((m) => m.content).sort()).toEqual(['Есть ли размер M?', 'Здравствуйте']);
      const live = (await liveEventsOf(threads[0].id)).map((e) => e.type);
      expect(live.filter((type) => type === 'conversation.created')).toHaveLength(1);
      expect(live.filter((type) => type === 'message.created')).toHaveLength(2);
    });

    it('counts every message in the one active conversation when a known customer’s messages arrive at once', async () => {
      const contact = newContact();
      await ingest(textMessage(contact, 'Здравствуйте'));

      const stored = await Promise.all(Array.from({ length: 6 }, (_, i) => ingest(textMessage(contact, `Вопрос ${i + 1}`))));

      expect(stored).toEqual(Array(6).fill(true));
      const [identity] = await identitiesOf(contact.externalId);
      const threads = await conversationsOf(identity.contactId);
      expect(threads).toHaveLength(1);
      expect(threads[0].unreadCount).toBe(7);
      expect(await messagesIn(threads[0].id)).toHaveLength(7);
    });

    it('announces a new conversation before its first message, and a later message before the conversation update it causes', async () => {
      const contact = newContact();
      await ingest(textMessage(contact, 'Здравствуйте'));
      await ingest(textMessage(contact, 'Есть ли размер M?'));

      const [identity] = await identitiesOf(contact.externalId);
      const [conversation] = await conversationsOf(identity.contactId);
      expect((await liveEventsOf(conversation.id)).map((e) => e.type)).toEqual(['conversation.created', 'message.created', 'message.created', 'conversation.updated']);
    });

    it('opens one new conversation when a known customer whose conversation is resolved sends two messages at once', async () => {
      const contact = newContact();
      await ingest(textMessage(contact, 'Спасибо, всё получил'));
      const [identity] = await identitiesOf(contact.externalId);
      await db.update(conversations).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(conversations.contactId, identity.contactId));

      await Promise.all([ingest(textMessage(contact, 'Снова здравствуйте')), ingest(textMessage(contact, 'Нужен ещё заказ'))]);

      const open = (await conversationsOf(identity.contactId)).filter((c) => c.status === 'open');
      expect(open).toHaveLength(1);
      expect(open[0].unreadCount).toBe(2);
    });

    it('keeps what the channel tells anew about a known customer who writes into an active conversation', async () => {
      const contact = newContact({ username: 'anna_old', attributes: { languageCode: 'ru' } });
      await ingest(textMessage(contact, 'Привет'));

      await ingest(textMessage({ ...contact, username: 'anna_new', attributes: { premium: true } }, 'Я сменила ник'));

      const [identity] = await identitiesOf(contact.externalId);
      expect(identity).toMatchObject({ username: 'anna_new', attributes: { languageCode: 'ru', premium: true } });
      expect(await conversationsOf(identity.contactId)).toHaveLength(1);
    });

    it('stores one message when the same webhook event is ingested twice at once', async () => {
      const event = textMessage(newContact(), 'Где мой заказ?');

      const stored = await Promise.all([ingest(event), ingest(event)]);

      expect([...stored].sort()).toEqual([false, true]);
      const message = await messageByExternalId(event.externalId);
      const all = await messagesIn(message.conversationId);
      expect(all.map((m) => m.externalId)).toEqual([event.externalId]);
      const [conversation] = await db.select().from(conversations).where(eq(conversations.id, message.conversationId));
      expect(conversation.unreadCount).toBe(1);
      expect((await liveEventsOf(conversation.id)).filter((e) => e.type === 'message.created')).toHaveLength(1);
    });

    it('answers false and stores nothing new when an event arrives again after it was stored', async () => {
      const event = textMessage(newContact(), 'Повтор');
      expect(await ingest(event)).toBe(true);
      expect(await ingest(event)).toBe(false);
      const message = await messageByExternalId(event.externalId);
      expect(await messagesIn(message.conversationId)).toHaveLength(1);
    });

    it('opens a snoozed conversation again, keeps its later activity for a delayed message, and keeps each message’s own time', async () => {
      const contact = newContact();
      await ingest(textMessage(contact, 'Здравствуйте'));
      const [identity] = await identitiesOf(contact.externalId);
      const [first] = await conversationsOf(identity.contactId);
      const [firstMessage] = await messagesIn(first.id);
      const snoozedUntil = new Date(Date.now() + 86_400_000);
      await db.update(conversations).set({ status: 'snoozed', snoozedUntil, unreadCount: 0 }).where(eq(conversations.id, first.id));

      const delayedAt = new Date(Date.now() - 3_600_000);
      await ingest(textMessage(contact, 'Это было час назад', { sentAt: delayedAt }));
      await ingest(textMessage(contact, 'А это сейчас'));

      const [after] = await conversationsOf(identity.contactId);
      const [, delayed, latest] = await messagesIn(first.id);
      expect(delayed.createdAt).toEqual(delayedAt);
      expect(latest.createdAt.getTime()).toBeGreaterThanOrEqual(firstMessage.createdAt.getTime());
      expect(after).toMatchObject({ id: first.id, status: 'open', snoozedUntil: null, unreadCount: 2, lastMessagePreview: 'А это сейчас' });
      expect(after.lastMessageAt).toEqual(latest.createdAt);
      expect(after.lastIncomingAt).toEqual(latest.createdAt);
      expect(after.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    });

    it('shows an echo of a reply sent from the phone in the preview, leaving the unread count, status and last incoming time', async () => {
      const contact = newContact();
      await ingest(textMessage(contact, 'Где мой заказ?'));
      const [identity] = await identitiesOf(contact.externalId);
      const [before] = await conversationsOf(identity.contactId);
      await db.update(conversations).set({ status: 'pending' }).where(eq(conversations.id, before.id));

      await ingest(textMessage(contact, 'Заказ уже в пути', { outgoing: true }));

      const [after] = await conversationsOf(identity.contactId);
      expect(after).toMatchObject({ status: 'pending', unreadCount: 1, lastMessagePreview: 'Заказ уже в пути' });
      expect(after.lastIncomingAt).toEqual(before.lastIncomingAt);
      const [, echo] = await messagesIn(before.id);
      expect(echo).toMatchObject({ messageType: 'outgoing', senderType: 'user', status: 'sent' });
    });

    it('stores a blocked contact’s message hidden, without an unread bump or a live event', async () => {
      const [blocked] = await db.insert(contacts).values({ name: 'Спамер', blocked: true }).returning();
      const externalId = `spam-${randomUUID()}`;
      await db.insert(contactIdentities).values({ contactId: blocked.id, inboxId: inbox.id, externalId });

      const event = textMessage({ externalId }, 'Купите рекламу');
      expect(await ingest(event)).toBe(true);

      const message = await messageByExternalId(event.externalId);
      expect(message).toMatchObject({ content: 'Купите рекламу', messageType: 'incoming', contentAttributes: { hidden: true } });
      const [conversation] = await conversationsOf(blocked.id);
      expect(conversation).toMatchObject({ unreadCount: 0, lastMessagePreview: null, lastIncomingAt: null });
      expect(await liveEventsOf(conversation.id)).toEqual([]);
    });

    it('moves an outgoing message forward from sent to delivered to read and never back', async () => {
      const reply = await sentReply(`out-${randomUUID()}`);
      const receipt = (status: 'delivered' | 'read') => ingest({ kind: 'status', externalId: reply.externalId!, status });
      const statusNow = async () => (await messageByExternalId(reply.externalId!)).status;

      expect(await receipt('delivered')).toBe(true);
      expect(await statusNow()).toBe('delivered');
      expect(await receipt('read')).toBe(true);
      expect(await statusNow()).toBe('read');
      expect(await receipt('delivered')).toBe(false);
      expect(await receipt('read')).toBe(false);
      expect(await statusNow()).toBe('read');

      const updates = (await liveEventsOf(reply.conversationId)).filter((e) => e.type === 'message.updated');
      expect(updates.map((e) => (e.payload as { status: string }).status)).toEqual(['delivered', 'read']);
    });

    it('marks an outgoing message failed with the channel’s reason when the channel reports a failure', async () => {
      const reply = await sentReply(`out-${randomUUID()}`);
      expect(await ingest({ kind: 'status', externalId: reply.externalId!, status: 'failed', error: 'Recipient blocked the bot' })).toBe(true);
      expect(await messageByExternalId(reply.externalId!)).toMatchObject({ status: 'failed', error: 'Recipient blocked the bot' });
    });

    it('ignores a receipt for an unknown message or for a customer’s message', async () => {
      const incoming = textMessage(newContact(), 'Спасибо');
      await ingest(incoming);
      expect(await ingest({ kind: 'status', externalId: `nobody-${randomUUID()}`, status: 'read' })).toBe(false);
      expect(await ingest({ kind: 'status', externalId: incoming.externalId, status: 'read' })).toBe(false);
      expect((await messageByExternalId(incoming.externalId)).status).toBe('received');
    });

    it('updates the content, search text and edited mark when the customer edits a message', async () => {
      const contact = newContact();
      const original = textMessage(contact, 'Привет, нужна елка');
      await ingest(original);

      expect(await ingest({ kind: 'message_edited', externalId: original.externalId, contact, text: 'Привет, нужна ЁЛКА 2 м' })).toBe(true);

      const edited = await messageByExternalId(original.externalId);
      expect(edited).toMatchObject({
        content: 'Привет, нужна ЁЛКА 2 м',
        searchText: 'привет, нужна елка 2 м',
        contentAttributes: { edited: true, previousContent: 'Привет, нужна елка' },
      });
      const updates = (await liveEventsOf(edited.conversationId)).filter((e) => e.type === 'message.updated');
      expect(updates).toHaveLength(1);
      expect(updates[0].payload).toMatchObject({ id: edited.id, content: 'Привет, нужна ЁЛКА 2 м' });
    });

    it('changes nothing when an edit repeats the current text or names an unknown message', async () => {
      const contact = newContact();
      const original = textMessage(contact, 'Без изменений');
      await ingest(original);
      expect(await ingest({ kind: 'message_edited', externalId: original.externalId, contact, text: 'Без изменений' })).toBe(false);
      expect(await ingest({ kind: 'message_edited', externalId: `nobody-${randomUUID()}`, contact, text: 'x' })).toBe(false);
      expect((await messageByExternalId(original.externalId)).contentAttributes).toEqual({});
    });

    it('joins an existing contact with a new identity when an unknown sender’s phone belongs to that contact', async () => {
      const existing = await app.get(ContactsService).create({ name: 'Ирина', phones: ['+7 912 345-67-01'] });
      const before = await contactCount();
      const sender = newContact({ name: 'Ира', phone: '8 (912) 345-67-01' });

      expect(await ingest(textMessage(sender, 'Это Ирина, с другого канала'))).toBe(true);

      expect(await contactCount()).toBe(before);
      const identities = await identitiesOf(sender.externalId);
      expect(identities).toEqual([expect.objectContaining({ contactId: existing.id, displayName: 'Ира' })]);
      const threads = await conversationsOf(existing.id);
      expect(threads).toEqual([expect.objectContaining({ contactIdentityId: identities[0].id, unreadCount: 1 })]);
    });
  });
});
