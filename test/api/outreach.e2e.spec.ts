import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { contactIdentities, contacts, conversations, inboxes, messages } from '@app/db';
import { ConsentPort, OutreachPort, SegmentsPort, type OutreachLedger, type OutreachSource } from '@app/marketing';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const source = (): OutreachSource => ({ kind: 'campaign', id: randomUUID(), recipientId: randomUUID() });

describe('outreach, consent and unsubscribe links', () => {
  let receiver: FakeHttpServer;
  let t: TestApp;
  let admin: string;
  let agent: { id: string; token: string };
  let api: ApiInbox;
  let emailInboxId: string;
  let telegramInboxId: string;
  let outreach: OutreachPort;
  let consent: ConsentPort;

  beforeAll(async () => {
    receiver = await startFakeHttpServer(() => ({ status: 200, body: { id: `cb-${randomUUID()}` } }));
    t = await startTestApp({ queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    api = await createApiInbox(t, admin, `${receiver.url}/callback`, 'Сайт');
    // Channels whose servers the test never reaches: only the address logic and the thread matter here.
    const [email] = await t.db.insert(inboxes).values({ type: 'email', name: 'Почта', settings: {} }).returning();
    const [telegram] = await t.db.insert(inboxes).values({ type: 'telegram', name: 'Телеграм', settings: {}, enabled: true }).returning();
    emailInboxId = email.id;
    telegramInboxId = telegram.id;
    agent = await t.createUser('agent', { inboxIds: [api.id] });
    outreach = t.app.get(OutreachPort);
    consent = t.app.get(ConsentPort);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });

  async function newContact(values: { name?: string; emails?: string[]; phones?: string[]; locale?: string } = {}): Promise<string> {
    const res = await t
      .http()
      .post('/api/contacts')
      .set(auth())
      .send({ name: values.name ?? `Клиент ${randomUUID().slice(0, 6)}`, emails: values.emails ?? [], phones: values.phones ?? [], ...(values.locale ? { locale: values.locale } : {}) })
      .expect(201);
    return res.body.id;
  }

  async function withApiIdentity(contactId: string): Promise<string> {
    const externalId = `ext-${randomUUID()}`;
    await t.db.insert(contactIdentities).values({ contactId, inboxId: api.id, externalId });
    return externalId;
  }

  const conversationRow = async (id: string) => (await t.db.select().from(conversations).where(eq(conversations.id, id)))[0];
  const messageRow = async (id: string) => (await t.db.select().from(messages).where(eq(messages.id, id)))[0];
  const contactRow = async (id: string) => (await t.db.select().from(contacts).where(eq(contacts.id, id)))[0];
  const threadOf = (conversationId: string) => t.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id));

  describe('sending', () => {
    it('queues the message into a new pending conversation and delivers it carrying the outreach source', async () => {
      const contactId = await newContact({ name: 'Анна Петрова' });
      await withApiIdentity(contactId);
      const from = source();

      const result = await outreach.send({ contactId, inboxId: api.id, text: 'Здравствуйте, {{ contact.name }}! Скидка 10% до пятницы.', source: from });

      expect(result.status).toBe('queued');
      if (result.status !== 'queued') return;
      const conversation = await conversationRow(result.conversationId);
      expect(conversation).toMatchObject({ status: 'pending', contactId, inboxId: api.id, attributes: { outreach: from } });
      const delivered = await eventually(async () => {
        const row = await messageRow(result.messageId);
        expect(row.status).toBe('sent');
        return row;
      });
      expect(delivered).toMatchObject({ messageType: 'outgoing', senderType: 'bot', content: 'Здравствуйте, Анна Петрова! Скидка 10% до пятницы.', contentAttributes: { outreach: from } });
      const callback = receiver.requests.find((r) => r.headers['x-omnibox-delivery'] === result.messageId);
      expect(JSON.parse(callback!.body.toString('utf8'))).toMatchObject({ text: 'Здравствуйте, Анна Петрова! Скидка 10% до пятницы.' });
    });

    it('reuses the contact\'s resolved conversation, making it pending so the answer lands in it', async () => {
      const contactId = await newContact();
      const externalId = await withApiIdentity(contactId);
      const first = await outreach.send({ contactId, inboxId: api.id, text: 'Первое сообщение', source: source() });
      if (first.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(first)}`);
      await t.http().post(`/api/conversations/${first.conversationId}/status`).set(auth()).send({ status: 'resolved' }).expect(200);

      const second = await outreach.send({ contactId, inboxId: api.id, text: 'Второе сообщение', source: source() });

      expect(second).toMatchObject({ status: 'queued', conversationId: first.conversationId });
      expect(await conversationRow(first.conversationId)).toMatchObject({ status: 'pending', resolvedAt: null });
      await postWebhook(t, api, { externalId: `in-${randomUUID()}`, contact: { externalId }, text: 'Расскажите подробнее' }).expect(200);
      await eventually(async () => expect((await conversationRow(first.conversationId)).status).toBe('open'));
      expect((await threadOf(first.conversationId)).map((m) => m.content)).toContain('Расскажите подробнее');
    });

    it('renders a saved template in the channel\'s variant, the given variables winning over the contact\'s, with the unsubscribe link', async () => {
      const contactId = await newContact({ name: 'Олег' });
      await withApiIdentity(contactId);
      const { body: template } = await t
        .http()
        .post('/api/templates')
        .set(auth())
        .send({ shortCode: `promo${Date.now()}`, name: 'Акция', body: 'Общий текст', variants: { api: '{{ contact.name }}, код {{ contact.custom.promo }}. Отписаться: {{ unsubscribe_url }}' } })
        .expect(201);

      const result = await outreach.send({ contactId, inboxId: api.id, templateId: template.id, variables: { 'contact.custom.promo': 'ЗИМА', 'contact.name': 'Олег Иванович' }, source: source() });

      if (result.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
      expect((await messageRow(result.messageId)).content).toBe(`Олег Иванович, код ЗИМА. Отписаться: ${consent.unsubscribeUrl(contactId)}`);
    });

    it('skips an opted-out contact for marketing but not for a service message', async () => {
      const contactId = await newContact();
      await withApiIdentity(contactId);
      await consent.optOut(contactId, 'api');

      expect(await outreach.send({ contactId, inboxId: api.id, text: 'Распродажа!', source: source() })).toEqual({ status: 'skipped', reason: 'opted_out' });
      expect(await outreach.send({ contactId, inboxId: api.id, text: 'Ваш заказ готов', source: source(), marketing: false })).toMatchObject({ status: 'queued' });
    });

    it('skips a blocked contact, an unknown or disabled inbox and a missing template', async () => {
      const contactId = await newContact();
      await withApiIdentity(contactId);
      const [disabled] = await t.db.insert(inboxes).values({ type: 'api', name: 'Выключен', settings: {}, enabled: false }).returning();

      expect(await outreach.send({ contactId, inboxId: randomUUID(), text: 'x', source: source() })).toEqual({ status: 'skipped', reason: 'inbox_unavailable' });
      expect(await outreach.send({ contactId, inboxId: disabled.id, text: 'x', source: source() })).toEqual({ status: 'skipped', reason: 'inbox_unavailable' });
      expect(await outreach.send({ contactId, inboxId: api.id, templateId: randomUUID(), source: source() })).toEqual({ status: 'skipped', reason: 'template_missing' });
      await t.http().patch(`/api/contacts/${contactId}`).set(auth()).send({ blocked: true }).expect(200);
      expect(await outreach.send({ contactId, inboxId: api.id, text: 'x', source: source(), marketing: false })).toEqual({ status: 'skipped', reason: 'blocked' });
    });

    it('answers no_address for a Telegram inbox where the contact never wrote', async () => {
      const contactId = await newContact({ phones: ['+79161234501'] });

      expect(await outreach.send({ contactId, inboxId: telegramInboxId, text: 'Привет', source: source() })).toEqual({ status: 'skipped', reason: 'no_address' });
      expect(await t.db.select().from(conversations).where(eq(conversations.contactId, contactId))).toHaveLength(0);
    });

    it('creates the e-mail identity from the contact\'s first e-mail and adds a localized unsubscribe footer', async () => {
      const contactId = await newContact({ emails: ['Ivan.Sidorov@example.com', 'second@example.com'], locale: 'en' });

      const result = await outreach.send({ contactId, inboxId: emailInboxId, text: 'Our new collection is here.', source: source() });

      if (result.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
      const identities = await t.db.select().from(contactIdentities).where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.inboxId, emailInboxId)));
      expect(identities.map((i) => i.externalId)).toEqual(['ivan.sidorov@example.com']);
      expect((await conversationRow(result.conversationId)).contactIdentityId).toBe(identities[0].id);
      const content = (await messageRow(result.messageId)).content!;
      expect(content.startsWith('Our new collection is here.\n\n—\nYou received this message')).toBe(true);
      expect(content).toContain(consent.unsubscribeUrl(contactId));
    });

    it('writes the ledger\'s record with the message, and nothing at all once the record holds a message or its writing fails', async () => {
      const contactId = await newContact();
      await withApiIdentity(contactId);
      const recorded: string[] = [];
      let holdsMessage = false;
      const ledger: OutreachLedger = {
        claim: async () => !holdsMessage,
        record: async (tx, queued) => {
          // Read inside the transaction: the message is there before anyone else can see it.
          const [row] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, queued.messageId));
          recorded.push(row.id);
          holdsMessage = true;
        },
      };
      const first = await outreach.send({ contactId, inboxId: api.id, text: 'Весна!', source: source(), ledger });
      if (first.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(first)}`);
      expect(recorded).toEqual([first.messageId]);
      expect(await outreach.send({ contactId, inboxId: api.id, text: 'Весна!', source: source(), ledger })).toEqual({ status: 'settled' });

      const failing: OutreachLedger = {
        claim: async () => true,
        record: async () => {
          throw new Error('record lost');
        },
      };
      await expect(outreach.send({ contactId, inboxId: api.id, text: 'Лето!', source: source(), ledger: failing })).rejects.toThrow('record lost');
      expect((await threadOf(first.conversationId)).map((m) => m.content)).toEqual(['Весна!']);
    });
  });

  describe('replies that opt out and in', () => {
    async function customerWrites(externalId: string, text: string) {
      await postWebhook(t, api, { externalId: `in-${randomUUID()}`, contact: { externalId, name: 'Покупатель' }, text }).expect(200);
    }
    const contactOf = async (externalId: string) => (await t.db.select().from(contactIdentities).where(eq(contactIdentities.externalId, externalId)))[0]?.contactId;

    it('opts the contact out on STOP, notes it in the thread and confirms in the contact\'s language', async () => {
      const externalId = `cust-${randomUUID()}`;
      await customerWrites(externalId, 'Здравствуйте');
      const contactId = await eventually(async () => (await contactOf(externalId)) ?? Promise.reject(new Error('no contact yet')));

      await customerWrites(externalId, ' STOP! ');

      const contact = await eventually(async () => {
        const row = await contactRow(contactId);
        expect(row.optedOutAt).not.toBeNull();
        return row;
      });
      expect(contact.optOutSource).toBe('reply');
      const [conversation] = await t.db.select().from(conversations).where(eq(conversations.contactId, contactId));
      const thread = await eventually(async () => {
        const rows = await threadOf(conversation.id);
        expect(rows.filter((m) => m.senderType === 'bot')).toHaveLength(2);
        return rows;
      });
      expect(thread.find((m) => m.messageType === 'note')?.content).toContain('отписался от рекламных сообщений');
      expect(thread.find((m) => m.messageType === 'outgoing')?.content).toBe('Готово: вы больше не будете получать наши рекламные сообщения. Чтобы подписаться снова, ответьте «СТАРТ».');
    });

    it('opts out on "стоп" and back in on START', async () => {
      const externalId = `cust-${randomUUID()}`;
      await customerWrites(externalId, 'Стоп');
      const contactId = await eventually(async () => (await contactOf(externalId)) ?? Promise.reject(new Error('no contact yet')));
      await eventually(async () => expect((await contactRow(contactId)).optedOutAt).not.toBeNull());

      await customerWrites(externalId, 'start');

      await eventually(async () => expect(await contactRow(contactId)).toMatchObject({ optedOutAt: null, optOutSource: null }));
      const [conversation] = await t.db.select().from(conversations).where(eq(conversations.contactId, contactId));
      await eventually(async () => expect((await threadOf(conversation.id)).map((m) => m.content)).toContain('Готово: вы снова подписаны на наши сообщения. Чтобы отписаться, ответьте «СТОП».'));
    });

    it('leaves consent alone when the word is part of a longer message', async () => {
      const externalId = `cust-${randomUUID()}`;
      await customerWrites(externalId, 'Стоп, а где мой заказ?');
      const contactId = await eventually(async () => (await contactOf(externalId)) ?? Promise.reject(new Error('no contact yet')));
      const [conversation] = await eventually(async () => {
        const rows = await t.db.select().from(conversations).where(eq(conversations.contactId, contactId));
        expect(rows).toHaveLength(1);
        return rows;
      });
      expect((await threadOf(conversation.id)).some((m) => m.senderType === 'bot')).toBe(false);
      expect((await contactRow(contactId)).optedOutAt).toBeNull();
    });
  });

  describe('unsubscribe link', () => {
    const pathOf = (url: string) => new URL(url, 'http://localhost').pathname;

    it('shows a confirmation page on GET without changing anything, and opts out on POST', async () => {
      const contactId = await newContact({ locale: 'ru' });
      const path = pathOf(consent.unsubscribeUrl(contactId));

      const page = await t.http().get(path).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Отписаться от наших сообщений?');
      expect(page.text).toContain(`<form method="post" action="${path}">`);
      expect((await contactRow(contactId)).optedOutAt).toBeNull();

      const done = await t.http().post(path).expect(200);
      expect(done.text).toContain('Вы отписаны');
      expect(await contactRow(contactId)).toMatchObject({ optOutSource: 'link' });
      expect((await contactRow(contactId)).optedOutAt).not.toBeNull();
      expect((await t.http().get(path).expect(200)).text).toContain('Вы отписаны');
    });

    it('accepts an RFC 8058 one-click POST from a mail client', async () => {
      const contactId = await newContact({ locale: 'en' });
      const path = pathOf(consent.unsubscribeUrl(contactId));

      const done = await t.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);

      expect(done.text).toContain('You are unsubscribed');
      expect(await consent.isOptedOut(contactId)).toBe(true);
    });

    it('answers 400 with what to do for a forged link and 404 when the contact is gone', async () => {
      const contactId = await newContact();
      const path = pathOf(consent.unsubscribeUrl(contactId));
      const forged = `${path.slice(0, -4)}AAAA`;

      const bad = await t.http().get(forged).set('Accept-Language', 'en').expect(400);
      expect(bad.text).toContain('reply STOP');
      await t.http().post(forged).expect(400);
      await t.http().delete(`/api/contacts/${contactId}`).set(auth()).expect(204);
      const gone = await t.http().get(path).set('Accept-Language', 'en').expect(404);
      expect(gone.text).toContain('We could not find your subscription');
    });
  });

  describe('consent by the team', () => {
    it('lets an agent opt a contact out and in, shown in the contact view', async () => {
      const contactId = await newContact();

      const out = await t.http().post(`/api/contacts/${contactId}/consent`).set(auth(agent.token)).send({ optedOut: true }).expect(200);
      expect(out.body).toMatchObject({ id: contactId, optOutSource: 'agent' });
      expect(out.body.optedOutAt).toEqual(expect.any(String));
      const back = await t.http().post(`/api/contacts/${contactId}/consent`).set(auth(agent.token)).send({ optedOut: false }).expect(200);
      expect(back.body).toMatchObject({ optedOutAt: null, optOutSource: null });
    });

    it('answers 400 for a body without optedOut and 404 for an unknown contact', async () => {
      const bad = await t.http().post(`/api/contacts/${randomUUID()}/consent`).set(auth()).send({}).expect(400);
      expect(bad.body.errors[0].field).toBe('optedOut');
      await t.http().post(`/api/contacts/${randomUUID()}/consent`).set(auth()).send({ optedOut: true }).expect(404);
    });

    it('stores and validates the time zone and birthday of a contact', async () => {
      const contactId = await newContact();

      const saved = await t.http().patch(`/api/contacts/${contactId}`).set(auth()).send({ timeZone: 'Europe/Moscow', birthday: '1990-03-08' }).expect(200);
      expect(saved.body).toMatchObject({ timeZone: 'Europe/Moscow', birthday: '1990-03-08' });
      const bad = await t.http().patch(`/api/contacts/${contactId}`).set(auth()).send({ timeZone: 'Mars/Olympus', birthday: '1990-02-30' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthday', 'timeZone']);
      const view = await t.http().get(`/api/contacts/${contactId}`).set(auth()).expect(200);
      expect(view.body).toMatchObject({ timeZone: 'Europe/Moscow', birthday: '1990-03-08', optedOutAt: null, optOutSource: null });
    });
  });

  it('provides the segments port to other modules', () => {
    expect(t.app.get(SegmentsPort)).toBeDefined();
  });
});
