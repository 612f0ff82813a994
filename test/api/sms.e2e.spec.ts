import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { HostResolver } from '@channel-adapters/core';
import { createChannelRegistry } from '@channel-adapters/registry';
import { SmsChannelAdapter } from '@channel-adapters/sms';
import { messages } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { signGenericBody, startFakeSmsGateway, type FakeSmsGateway } from '../support/fakes/sms-generic.js';
import { SMSRU_API_ID, smsRuCallback, startFakeSmsRu, type FakeSmsRu } from '../support/fakes/sms-smsru.js';
import {
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
  TWILIO_NUMBER,
  startFakeTwilio,
  twilioInboundSms,
  twilioSignatureOf,
  twilioStatusCallback,
  type FakeTwilio,
} from '../support/fakes/sms-twilio.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://omnibox.example.com';

/** No test reaches the internet: Twilio's media host resolves to a public address here, everything else fails. */
const dns: HostResolver = async (hostname) => {
  if (hostname === 'api.twilio.com') return ['54.172.60.1'];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

/** A Russian mobile number nobody else in this suite uses. */
const newNumber = () => `+7912${String(randomInt(1_000_000, 9_999_999))}`;
const LONG_CYRILLIC = 'Здравствуйте! Ваш заказ собран и передан в службу доставки, курьер позвонит за час до приезда. '.repeat(8).trim();

describe('SMS inboxes (Twilio, SMS.ru and a generic gateway against local fakes)', () => {
  let t: TestApp;
  let twilio: FakeTwilio;
  let smsRu: FakeSmsRu;
  let gateway: FakeSmsGateway;
  let admin: string;
  let agent: { id: string; token: string };
  let socket: AgentClient;
  const inboxes = { twilio: '', smsru: '', generic: '' };
  const secrets = { twilio: '', smsru: '', generic: '' };

  const auth = () => ({ Authorization: `Bearer ${agent.token}` });
  const webhookUrl = (inboxId: string) => `${PUBLIC_URL}/webhooks/${inboxId}`;

  async function createInbox(name: string, settings: Record<string, unknown>) {
    const res = await t.http().post('/api/inboxes').set('Authorization', `Bearer ${admin}`).send({ type: 'sms', name, settings }).expect(201);
    return { id: res.body.id as string, webhookSecret: res.body.webhookSecret as string };
  }

  beforeAll(async () => {
    [twilio, smsRu] = await Promise.all([startFakeTwilio(), startFakeSmsRu()]);
    gateway = await startFakeSmsGateway(() => secrets.generic);
    t = await startTestApp({
      env: { PUBLIC_URL },
      adapters: createChannelRegistry({ sms: new SmsChannelAdapter({ resolveHost: dns }) }),
      queueBackoff: { type: 'fixed', delayMs: 20 },
    });
    const baseUrl = await t.listen();
    admin = await t.adminToken();
    const created = await Promise.all([
      createInbox('Twilio', { provider: 'twilio', credentials: { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN }, from: TWILIO_NUMBER, baseUrl: twilio.url }),
      createInbox('SMS.ru', { provider: 'smsru', credentials: { apiId: SMSRU_API_ID }, baseUrl: smsRu.url, from: 'SHOP' }),
      createInbox('Шлюз', {
        provider: 'generic',
        sendUrl: `${gateway.url}/send`,
        inbound: { from: 'sender.phone', text: 'message.text', id: 'message.id', status: 'report.state' },
      }),
    ]);
    [inboxes.twilio, inboxes.smsru, inboxes.generic] = created.map((inbox) => inbox.id);
    [secrets.twilio, secrets.smsru, secrets.generic] = created.map((inbox) => inbox.webhookSecret);
    agent = await t.createUser('agent', { inboxIds: Object.values(inboxes) });
    socket = await connectAgent(baseUrl, agent.token);
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await Promise.all([twilio?.close(), smsRu?.close(), gateway?.close()]);
  });

  function postTwilio(inboxId: string, params: Record<string, string>, token = TWILIO_AUTH_TOKEN) {
    return t
      .http()
      .post(`/webhooks/${inboxId}`)
      .type('form')
      .set('X-Twilio-Signature', twilioSignatureOf(token, webhookUrl(inboxId), params))
      .send(new URLSearchParams(params).toString());
  }

  function postSignedJson(inboxId: string, body: unknown, secret: string) {
    const raw = JSON.stringify(body);
    return t.http().post(`/webhooks/${inboxId}`).set('Content-Type', 'application/json').set('X-Signature', signGenericBody(secret, raw)).send(raw);
  }

  const messageCreated = (inboxId: string, match: (content: string | null) => boolean) =>
    socket.waitFor('message.created', (e) => e.inboxId === inboxId && e.payload.messageType === 'incoming' && match(e.payload.content));

  async function contactOf(conversationId: string) {
    const conversation = await t.http().get(`/api/conversations/${conversationId}`).set(auth()).expect(200);
    return (await t.http().get(`/api/contacts/${conversation.body.contactId}`).set('Authorization', `Bearer ${admin}`).expect(200)).body;
  }

  async function replyAndWaitSent(conversationId: string, text: string) {
    const reply = await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth()).send({ text }).expect(201);
    const sent = await socket.waitFor('message.updated', (e) => e.payload.id === reply.body.id && e.payload.status !== 'queued');
    expect(sent.payload).toMatchObject({ status: 'sent', error: null });
    const [row] = await t.db.select().from(messages).where(eq(messages.id, reply.body.id));
    return row;
  }

  const delivered = (messageId: string) => socket.waitFor('message.updated', (e) => e.payload.id === messageId && e.payload.status === 'delivered');

  describe('Twilio', () => {
    it('stores an inbound SMS as a message from the E.164 contact, once, and answers empty TwiML', async () => {
      const number = newNumber();
      const sms = twilioInboundSms({ sid: `SM${randomInt(1e9, 9e9)}aa`, from: number, body: 'Когда привезут мой заказ?' });
      const res = await postTwilio(inboxes.twilio, sms).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(res.text).toContain('<Response></Response>');
      const created = await messageCreated(inboxes.twilio, (content) => content === 'Когда привезут мой заказ?');
      const contact = await contactOf(created.conversationId!);
      expect(contact.phones).toEqual([number]);
      expect(contact.identities).toEqual([expect.objectContaining({ inboxId: inboxes.twilio, externalId: number })]);

      await postTwilio(inboxes.twilio, sms).expect(200);
      const stored = await t.db.select().from(messages).where(eq(messages.externalId, sms.MessageSid));
      expect(stored).toHaveLength(1);
    });

    it('answers 401 when X-Twilio-Signature is missing or made with another token', async () => {
      const sms = twilioInboundSms({ sid: 'SMforged0001', from: newNumber(), body: 'Переведите деньги' });
      await postTwilio(inboxes.twilio, sms, 'not-the-token').expect(401);
      const unsigned = await t.http().post(`/webhooks/${inboxes.twilio}`).type('form').send(new URLSearchParams(sms).toString()).expect(401);
      expect(unsigned.body.code).toBe('webhook_signature_invalid');
      expect(await t.db.select().from(messages).where(eq(messages.externalId, 'SMforged0001'))).toHaveLength(0);
    });

    it("keeps MMS media from Twilio's host and drops a link-local URL with a note", async () => {
      const mms = twilioInboundSms({
        sid: `MM${randomInt(1e9, 9e9)}bb`,
        from: newNumber(),
        body: 'Фото повреждённой коробки',
        media: [
          { url: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages/MM1/Media/ME1`, contentType: 'image/jpeg' },
          { url: 'http://169.254.169.254/latest/meta-data/', contentType: 'image/png' },
        ],
      });
      await postTwilio(inboxes.twilio, mms).expect(200);
      const created = await messageCreated(inboxes.twilio, (content) => content === 'Фото повреждённой коробки');
      expect(created.payload.attachments).toEqual([expect.objectContaining({ fileName: 'ME1.jpg', contentType: 'image/jpeg' })]);
      expect(created.payload.contentAttributes.droppedMedia).toEqual([{ contentType: 'image/png', reason: expect.stringContaining('169.254.169.254') }]);
    });

    it('sends a long Cyrillic reply as several SMS and marks it delivered on the status callback', async () => {
      const number = newNumber();
      await postTwilio(inboxes.twilio, twilioInboundSms({ sid: `SM${randomInt(1e9, 9e9)}cc`, from: number, body: 'Подскажите статус' })).expect(200);
      const created = await messageCreated(inboxes.twilio, (content) => content === 'Подскажите статус');
      const before = twilio.sent.length;
      const row = await replyAndWaitSent(created.conversationId!, LONG_CYRILLIC);
      const parts = twilio.sent.slice(before);
      expect(parts.length).toBe(Math.ceil(LONG_CYRILLIC.length / 402));
      for (const part of parts) expect(part.params).toMatchObject({ To: number, From: TWILIO_NUMBER, StatusCallback: webhookUrl(inboxes.twilio) });
      expect(parts.map((part) => part.params.Body).join(' ')).toBe(LONG_CYRILLIC);
      expect(row.externalId).toBe(parts[0].sid);

      await postTwilio(inboxes.twilio, twilioStatusCallback({ sid: parts[0].sid, status: 'delivered', to: number })).expect(200);
      expect((await delivered(row.id)).payload.status).toBe('delivered');
    });
  });

  describe('SMS.ru', () => {
    it('takes inbound SMS in the generic format and joins the contact who already wrote from that number', async () => {
      const number = newNumber();
      await postTwilio(inboxes.twilio, twilioInboundSms({ sid: `SM${randomInt(1e9, 9e9)}dd`, from: number, body: 'Первое сообщение' })).expect(200);
      const first = await messageCreated(inboxes.twilio, (content) => content === 'Первое сообщение');

      const national = `8${number.slice(2)}`;
      await postSignedJson(inboxes.smsru, { id: `fwd-${randomInt(1e9, 9e9)}`, from: national, text: 'Второе, через SMS.ru' }, secrets.smsru).expect(200);
      const second = await messageCreated(inboxes.smsru, (content) => content === 'Второе, через SMS.ru');
      expect((await contactOf(second.conversationId!)).id).toBe((await contactOf(first.conversationId!)).id);
    });

    it('answers 401 to a callback whose hash was made with another api_id', async () => {
      const forged = smsRuCallback('another-api-id', [{ smsId: '1-1', status: 103 }]);
      await t.http().post(`/webhooks/${inboxes.smsru}`).type('form').send(forged).expect(401);
    });

    it('sends a long reply in parts and marks it delivered when SMS.ru calls back', async () => {
      const number = newNumber();
      await postSignedJson(inboxes.smsru, { id: `fwd-${randomInt(1e9, 9e9)}`, from: number, text: 'Где мой заказ?' }, secrets.smsru).expect(200);
      const created = await messageCreated(inboxes.smsru, (content) => content === 'Где мой заказ?');
      const before = smsRu.sent.length;
      const row = await replyAndWaitSent(created.conversationId!, LONG_CYRILLIC);
      const parts = smsRu.sent.slice(before);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.every((part) => part.to === number.slice(1) && part.from === 'SHOP' && part.msg.length <= 402)).toBe(true);
      expect(row.externalId).toBe(parts[0].smsId);

      const res = await t.http().post(`/webhooks/${inboxes.smsru}`).type('form').send(smsRuCallback(SMSRU_API_ID, [{ smsId: parts[0].smsId, status: 103 }])).expect(200);
      expect(res.text).toBe('100');
      expect((await delivered(row.id)).payload.status).toBe('delivered');
    });
  });

  describe('generic gateway', () => {
    it('maps the inbound JSON to a message from the E.164 contact and refuses a wrong signature', async () => {
      const number = newNumber();
      const body = { message: { id: `gw-${randomInt(1e9, 9e9)}`, text: 'Есть доставка в Казань?' }, sender: { phone: `8 ${number.slice(2)}` } };
      await postSignedJson(inboxes.generic, body, 'wrong-secret').expect(401);
      await postSignedJson(inboxes.generic, body, secrets.generic).expect(200);
      const created = await messageCreated(inboxes.generic, (content) => content === 'Есть доставка в Казань?');
      expect((await contactOf(created.conversationId!)).phones).toEqual([number]);
    });

    it('answers 400 naming the mapped fields a payload lacks', async () => {
      const res = await postSignedJson(inboxes.generic, { message: { text: 'без отправителя' } }, secrets.generic).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['message.id', 'sender.phone']);
    });

    it('sends a signed, templated request per part and takes a delivery report', async () => {
      const number = newNumber();
      await postSignedJson(inboxes.generic, { message: { id: `gw-${randomInt(1e9, 9e9)}`, text: 'Перезвоните' }, sender: { phone: number } }, secrets.generic).expect(200);
      const created = await messageCreated(inboxes.generic, (content) => content === 'Перезвоните');
      const before = gateway.received.length;
      const row = await replyAndWaitSent(created.conversationId!, LONG_CYRILLIC);
      const requests = gateway.received.slice(before);
      expect(requests.length).toBeGreaterThan(1);
      expect(requests.every((request) => request.signedCorrectly && request.body.to === number)).toBe(true);
      expect(requests[0].body.messageId).toBe(row.id);
      expect(requests[1].body.messageId).toBe(`${row.id}-2`);

      await postSignedJson(inboxes.generic, { message: { id: row.externalId }, report: { state: 'delivered' } }, secrets.generic).expect(200);
      expect((await delivered(row.id)).payload.status).toBe('delivered');
    });
  });
});
