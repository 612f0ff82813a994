import { afterEach, describe, expect, it } from 'vitest';
import { WebhookAuthError, WebhookPayloadError, type ChannelContext, type HostResolver, type OutboundMessage } from '@channel-adapters/core';
import { caughtError, describeAdapterContract, expectChannelError, webhookRequest } from '@channel-adapters/core/testing';
import { signGenericBody, startFakeSmsGateway, type FakeSmsGateway } from '../../../test/support/fakes/sms-generic.js';
import { SMSRU_API_ID, smsRuCallback, startFakeSmsRu, type FakeSmsRu } from '../../../test/support/fakes/sms-smsru.js';
import {
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
  TWILIO_NUMBER,
  startFakeTwilio,
  twilioInboundSms,
  twilioSignatureOf,
  twilioStatusCallback,
  type FakeTwilio,
} from '../../../test/support/fakes/sms-twilio.js';
import { SmsChannelAdapter } from './sms.adapter.js';

const inboxId = '01900000-0000-7000-8000-0000000005a1';
const WEBHOOK_URL = `https://omnibox.example.com/webhooks/${inboxId}`;
const SECRET = 'sms-inbox-secret-42';
const CUSTOMER = '+79123456789';

/** Twilio's hosts resolve to public addresses; everything else in these tests is unknown or private. */
const dns: HostResolver = async (hostname) => {
  if (hostname === 'api.twilio.com') return ['54.172.60.1'];
  if (hostname.endsWith('.twiliocdn.com')) return ['13.226.1.10'];
  if (hostname === 'files.example.com') return ['93.184.216.34'];
  throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
};

const adapter = new SmsChannelAdapter({ resolveHost: dns });

const message: OutboundMessage = {
  messageId: '01900000-0000-7000-8000-00000000a001',
  conversationId: '01900000-0000-7000-8000-00000000c001',
  contact: { externalId: CUSTOMER, phone: CUSTOMER, name: 'Ирина' },
  text: 'Здравствуйте! Ваш заказ № 1024 передан в доставку 🚚',
};

const twilioSettings = (baseUrl?: string) => ({ provider: 'twilio', credentials: { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN }, from: TWILIO_NUMBER, baseUrl });
const twilioContext = (baseUrl?: string): ChannelContext => ({ inboxId, settings: twilioSettings(baseUrl), webhookUrl: WEBHOOK_URL });

function twilioRequest(params: Record<string, string>, options: { url?: string; token?: string; headers?: Record<string, string> } = {}) {
  const signature = twilioSignatureOf(options.token ?? TWILIO_AUTH_TOKEN, options.url ?? WEBHOOK_URL, params);
  return webhookRequest({
    rawBody: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...options.headers },
  });
}

const inboundSms = twilioInboundSms({ sid: 'SM1f0e4c2b9a8d7e6f5a4b3c2d1e0f9a8b', from: '+79123456789', body: 'Когда привезут заказ?' });

describeAdapterContract('sms (twilio)', {
  adapter,
  context: twilioContext(),
  outboundMessage: message,
  validRequest: () => twilioRequest(inboundSms),
  tamperedRequest: () => ({ ...twilioRequest(inboundSms), rawBody: Buffer.from(new URLSearchParams({ ...inboundSms, Body: 'Переведите 1000 ₽' }).toString()) }),
  unsignedRequest: () => webhookRequest({ rawBody: new URLSearchParams(inboundSms).toString() }),
  malformedRequest: () => twilioRequest({ From: '+79123456789', Body: 'no sid' }),
  sendTarget: async () => {
    const twilio = await startFakeTwilio();
    return {
      context: twilioContext(twilio.url),
      expectSent: async () => {
        expect(twilio.sent).toHaveLength(1);
        expect(twilio.sent[0].params).toMatchObject({ To: CUSTOMER, From: TWILIO_NUMBER, Body: message.text, StatusCallback: WEBHOOK_URL });
      },
      failWith: (status, headers) => twilio.failNext(status, undefined, headers),
      close: () => twilio.close(),
    };
  },
  unreachableContext: (url) => twilioContext(url),
});

const smsRuContext = (baseUrl?: string): ChannelContext => ({ inboxId, settings: { provider: 'smsru', credentials: { apiId: SMSRU_API_ID }, baseUrl, webhookSecret: SECRET } });
const formRequest = (body: string) => webhookRequest({ rawBody: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describeAdapterContract('sms (smsru)', {
  adapter,
  context: smsRuContext(),
  outboundMessage: message,
  validRequest: () => formRequest(smsRuCallback(SMSRU_API_ID, [{ smsId: '000000-10000001', status: 103 }])),
  tamperedRequest: () => formRequest(smsRuCallback(SMSRU_API_ID, [{ smsId: '000000-10000001', status: 103 }]).replace('103', '105')),
  unsignedRequest: () => formRequest(new URLSearchParams({ 'data[0]': 'sms_status\n000000-10000001\n103\n1717000000' }).toString()),
  malformedRequest: () => formRequest(smsRuCallback(SMSRU_API_ID, [])),
  sendTarget: async () => {
    const smsRu = await startFakeSmsRu();
    return {
      context: smsRuContext(smsRu.url),
      expectSent: async () => expect(smsRu.sent).toEqual([{ smsId: expect.any(String), to: '79123456789', msg: message.text, from: undefined }]),
      failWith: (status, headers) => smsRu.server.respondNext({ status, headers, body: 'error' }),
      close: () => smsRu.close(),
    };
  },
  unreachableContext: (url) => smsRuContext(url),
});

const genericSettings = (sendUrl?: string) => ({ provider: 'generic', webhookSecret: SECRET, sendUrl, inbound: { from: 'sender.phone', text: 'message.text', id: 'message.id' } });
const genericContext = (sendUrl?: string): ChannelContext => ({ inboxId, settings: genericSettings(sendUrl) });
const genericInbound = { message: { id: 'gw-in-77', text: 'Добрый день! Есть ли доставка в Казань?' }, sender: { phone: '8 (912) 345-67-89' } };
const signedJson = (body: unknown, secret = SECRET) => {
  const raw = JSON.stringify(body);
  return webhookRequest({ rawBody: raw, headers: { 'content-type': 'application/json', 'x-signature': signGenericBody(secret, raw) } });
};

describeAdapterContract('sms (generic)', {
  adapter,
  context: genericContext(),
  outboundMessage: message,
  validRequest: () => signedJson(genericInbound),
  tamperedRequest: () => ({ ...signedJson(genericInbound), rawBody: Buffer.from(JSON.stringify({ ...genericInbound, sender: { phone: '+79990000000' } })) }),
  unsignedRequest: () => webhookRequest({ body: genericInbound }),
  malformedRequest: () => signedJson({ message: { text: '' }, sender: {} }),
  sendTarget: async () => {
    const gateway = await startFakeSmsGateway(SECRET);
    return {
      context: genericContext(`${gateway.url}/send`),
      expectSent: async () => {
        expect(gateway.received).toEqual([{ signedCorrectly: true, body: { to: CUSTOMER, from: '', text: message.text, messageId: message.messageId } }]);
      },
      failWith: (status, headers) => gateway.server.respondNext({ status, headers, body: { error: 'down' } }),
      close: () => gateway.close(),
    };
  },
  unreachableContext: (url) => genericContext(url),
});

describe('SmsChannelAdapter with Twilio', () => {
  let twilio: FakeTwilio | undefined;
  afterEach(async () => {
    await twilio?.close();
    twilio = undefined;
  });

  it('verifies the signature over the URL including its query string and the default port', async () => {
    const context = { ...twilioContext(), webhookUrl: 'https://omnibox.example.com:443/webhooks/x' };
    const signedWithoutPort = twilioRequest(inboundSms, { url: 'https://omnibox.example.com/webhooks/x' });
    await expect(adapter.verify(signedWithoutPort, context)).resolves.toBeUndefined();
    const withQuery = { ...twilioRequest(inboundSms, { url: `${WEBHOOK_URL}?source=main` }), query: { source: 'main' } };
    await expect(adapter.verify(withQuery, twilioContext())).resolves.toBeUndefined();
  });

  it('rejects a signature made with another auth token, and says to set PUBLIC_URL when the webhook URL is unknown', async () => {
    expect(await caughtError(adapter.verify(twilioRequest(inboundSms, { token: 'other' }), twilioContext()))).toBeInstanceOf(WebhookAuthError);
    const error = await caughtError(adapter.verify(twilioRequest(inboundSms), { inboxId, settings: twilioSettings() }));
    expect((error as WebhookAuthError).reason).toContain('PUBLIC_URL');
  });

  it('turns an inbound SMS into a message from the E.164 number and answers empty TwiML', async () => {
    const { events, reply } = await adapter.parse(twilioRequest(inboundSms), twilioContext());
    expect(events).toEqual([
      { kind: 'message', externalId: inboundSms.MessageSid, contact: { externalId: '+79123456789', phone: '+79123456789' }, text: 'Когда привезут заказ?', attachments: undefined, attributes: { to: TWILIO_NUMBER } },
    ]);
    expect(reply).toMatchObject({ status: 200, contentType: 'text/xml' });
    expect(reply!.body).toContain('<Response></Response>');
  });

  it("passes on MMS media from Twilio's hosts only and notes the ones it dropped", async () => {
    const mms = twilioInboundSms({
      sid: 'MM00000000000000000000000000000001',
      from: '+79123456789',
      body: '',
      media: [
        { url: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages/MM1/Media/ME1`, contentType: 'image/jpeg' },
        { url: 'https://media.twiliocdn.com/ME2', contentType: 'image/png' },
        { url: 'http://169.254.169.254/latest/meta-data/iam', contentType: 'text/plain' },
        { url: 'https://files.example.com/cat.gif', contentType: 'image/gif' },
      ],
    });
    const [event] = (await adapter.parse(twilioRequest(mms), twilioContext())).events;
    expect(event).toMatchObject({
      kind: 'message',
      text: undefined,
      attachments: [
        { url: expect.stringContaining('/Media/ME1'), contentType: 'image/jpeg', fileName: 'ME1.jpg' },
        { url: 'https://media.twiliocdn.com/ME2', contentType: 'image/png', fileName: 'ME2.png' },
      ],
    });
    const dropped = (event as unknown as { attributes: { droppedMedia: Array<{ reason: string }> } }).attributes.droppedMedia;
    expect(dropped.map((d) => d.reason)).toEqual([expect.stringContaining('169.254.169.254'), expect.stringContaining('files.example.com')]);
  });

  it('refuses media on a private address even from an allowed host name', async () => {
    const privateDns: HostResolver = async () => ['10.0.0.8'];
    const strict = new SmsChannelAdapter({ resolveHost: privateDns });
    const mms = twilioInboundSms({ sid: 'MM2', from: '+79123456789', body: 'фото', media: [{ url: 'https://api.twilio.com/x/Media/ME9', contentType: 'image/jpeg' }] });
    const [event] = (await strict.parse(twilioRequest(mms), twilioContext())).events;
    expect(event).toMatchObject({ attachments: undefined, attributes: { droppedMedia: [{ reason: expect.stringContaining('10.0.0.8') }] } });
  });

  it('turns delivered and failed status callbacks into status events and ignores sent', async () => {
    const parse = async (params: Record<string, string>) => (await adapter.parse(twilioRequest(params), twilioContext())).events;
    expect(await parse(twilioStatusCallback({ sid: 'SM9', status: 'delivered', to: CUSTOMER }))).toEqual([{ kind: 'status', externalId: 'SM9', status: 'delivered' }]);
    expect(await parse(twilioStatusCallback({ sid: 'SM9', status: 'undelivered', to: CUSTOMER, errorCode: '30003' }))).toEqual([
      { kind: 'status', externalId: 'SM9', status: 'failed', error: expect.stringContaining('30003') },
    ]);
    expect(await parse(twilioStatusCallback({ sid: 'SM9', status: 'sent', to: CUSTOMER }))).toEqual([]);
  });

  it('sends a long Cyrillic text as several SMS of at most six UCS-2 parts each', async () => {
    twilio = await startFakeTwilio();
    const sentence = 'Мы получили ваш заказ и уже собираем его на складе, курьер позвонит заранее. ';
    const text = sentence.repeat(12).trim();
    const result = await adapter.send({ ...message, text }, twilioContext(twilio.url));
    const bodies = twilio.sent.map((sms) => sms.params.Body);
    expect(bodies.length).toBe(Math.ceil(text.length / 402));
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(402);
    expect(bodies.join(' ')).toBe(text);
    expect(result.externalId).toBe(twilio.sent[0].sid);
  });

  it('uses the messaging service instead of a From number when one is set', async () => {
    twilio = await startFakeTwilio();
    const context = { ...twilioContext(twilio.url), settings: { ...twilioSettings(twilio.url), from: undefined, messagingServiceSid: 'MG123' } };
    await adapter.send(message, context);
    expect(twilio.sent[0].params).toMatchObject({ MessagingServiceSid: 'MG123' });
    expect(twilio.sent[0].params.From).toBeUndefined();
  });

  it('sends buttons as numbered options and attachments as links', async () => {
    twilio = await startFakeTwilio();
    const withExtras: OutboundMessage = {
      ...message,
      text: 'Подтвердите доставку:',
      buttons: [[{ id: 'yes', text: 'Да' }, { id: 'no', text: 'Нет' }]],
      attachments: [{ fileName: 'счёт.pdf', contentType: 'application/pdf', url: 'https://files.example.com/invoice.pdf' }],
    };
    await adapter.send(withExtras, twilioContext(twilio.url));
    expect(twilio.sent[0].params.Body).toBe('Подтвердите доставку:\n\n1. Да\n2. Нет\nсчёт.pdf: https://files.example.com/invoice.pdf');
  });

  it('maps Twilio error codes: unsubscribed and invalid numbers are permanent, 20429 waits', async () => {
    twilio = await startFakeTwilio();
    const context = twilioContext(twilio.url);
    twilio.failNext(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const unsubscribed = await expectChannelError(adapter.send(message, context), 'permanent');
    expect(unsubscribed.reason).toContain('STOP');
    expect(unsubscribed.identityFlags).toEqual({ smsOptedOut: true });
    twilio.failNext(400, { code: 21211, message: "The 'To' number is not a valid phone number." });
    expect((await expectChannelError(adapter.send(message, context), 'permanent')).reason).toContain('21211');
    twilio.failNext(400, { code: 20429, message: 'Too Many Requests' });
    await expectChannelError(adapter.send(message, context), 'rate_limited');
  });

  it('fails permanently with what to fix when the credentials are wrong', async () => {
    twilio = await startFakeTwilio();
    const context = { ...twilioContext(twilio.url), settings: { ...twilioSettings(twilio.url), credentials: { accountSid: TWILIO_ACCOUNT_SID, authToken: 'wrong' } } };
    expect((await expectChannelError(adapter.send(message, context), 'permanent')).reason).toContain('credentials.authToken');
  });

  it('stops without retrying when a later part fails, so no part is sent twice', async () => {
    twilio = await startFakeTwilio();
    const text = 'Ж'.repeat(500);
    twilio.server.respondNext({ status: 201, body: { sid: 'SM-first', status: 'queued' } });
    twilio.failNext(503);
    const error = await expectChannelError(adapter.send({ ...message, text }, twilioContext(twilio.url)), 'permanent');
    expect(error.reason).toContain('Only 1 of 2 SMS were sent');
  });

  it('refuses to send to a contact without a phone number', async () => {
    const error = await expectChannelError(adapter.send({ ...message, contact: { externalId: 'tg:42' } }, twilioContext('http://127.0.0.1:9')), 'permanent');
    expect(error.reason).toContain('tg:42');
  });
});

describe('SmsChannelAdapter with SMS.ru', () => {
  let smsRu: FakeSmsRu | undefined;
  afterEach(async () => {
    await smsRu?.close();
    smsRu = undefined;
  });

  it('answers "100" to a callback and reports delivered, failed and pending statuses', async () => {
    const body = smsRuCallback(SMSRU_API_ID, [
      { smsId: '201-1', status: 103 },
      { smsId: '201-2', status: 106 },
      { smsId: '201-3', status: 102 },
    ]);
    const request = formRequest(body);
    await adapter.verify(request, smsRuContext());
    const { events, reply } = await adapter.parse(request, smsRuContext());
    expect(reply).toEqual({ status: 200, contentType: 'text/plain', body: '100' });
    expect(events).toEqual([
      { kind: 'status', externalId: '201-1', status: 'delivered' },
      { kind: 'status', externalId: '201-2', status: 'failed', error: expect.stringContaining('phone failed') },
    ]);
  });

  it('rejects a callback hashed with another api_id', async () => {
    const request = formRequest(smsRuCallback('another-api-id', [{ smsId: '1', status: 103 }]));
    expect(await caughtError(adapter.verify(request, smsRuContext()))).toBeInstanceOf(WebhookAuthError);
  });

  it('takes inbound SMS in the generic JSON format signed with the inbox secret', async () => {
    const body = { id: 'fwd-1', from: '89123456789', text: 'Перезвоните мне' };
    const request = signedJson(body);
    await adapter.verify(request, smsRuContext());
    const [event] = (await adapter.parse(request, smsRuContext())).events;
    expect(event).toMatchObject({ kind: 'message', externalId: 'fwd-1', contact: { externalId: CUSTOMER, phone: CUSTOMER }, text: 'Перезвоните мне' });
    expect(await caughtError(adapter.verify(signedJson(body, 'wrong'), smsRuContext()))).toBeInstanceOf(WebhookAuthError);
  });

  it('splits a long Cyrillic text and returns the first SMS id', async () => {
    smsRu = await startFakeSmsRu();
    const text = 'Ваша заявка принята. '.repeat(30).trim();
    const result = await adapter.send({ ...message, text }, smsRuContext(smsRu.url));
    expect(smsRu.sent.length).toBe(2);
    expect(smsRu.sent.every((sms) => sms.to === '79123456789' && sms.msg.length <= 402)).toBe(true);
    expect(result.externalId).toBe(smsRu.sent[0].smsId);
  });

  it('maps SMS.ru error codes: stop list and bad api_id are permanent, per-minute limits wait, outages retry', async () => {
    smsRu = await startFakeSmsRu();
    const context = smsRuContext(smsRu.url);
    smsRu.refuseNext(209, 'Вы добавили этот номер в стоп-лист');
    expect((await expectChannelError(adapter.send(message, context), 'permanent')).identityFlags).toEqual({ smsOptedOut: true });
    smsRu.refuseNext(231, 'Превышен лимит одинаковых сообщений на этот номер в минуту');
    expect((await expectChannelError(adapter.send(message, context), 'rate_limited')).retryAfterMs).toBe(60_000);
    smsRu.refuseNext(220, 'Сервис временно недоступен');
    await expectChannelError(adapter.send(message, context), 'retryable');
    const wrongKey = { inboxId, settings: { provider: 'smsru', credentials: { apiId: 'wrong' }, baseUrl: smsRu.url } };
    expect((await expectChannelError(adapter.send(message, wrongKey), 'permanent')).reason).toContain('credentials.apiId');
  });
});

describe('SmsChannelAdapter with a generic gateway', () => {
  let gateway: FakeSmsGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('fills the request template at any depth and signs it', async () => {
    gateway = await startFakeSmsGateway(SECRET);
    const settings = {
      ...genericSettings(`${gateway.url}/v2/sms`),
      from: 'SHOP',
      sendTemplate: { recipient: { msisdn: '{{to}}' }, payload: { body: '{{text}}', sender: '{{from}}' }, reference: 'omnibox-{{messageId}}', priority: 1 },
    };
    const result = await adapter.send(message, { inboxId, settings });
    expect(gateway.received[0]).toEqual({
      signedCorrectly: true,
      body: { recipient: { msisdn: CUSTOMER }, payload: { body: message.text, sender: 'SHOP' }, reference: `omnibox-${message.messageId}`, priority: 1 },
    });
    expect(result.externalId).toBe('gw-1');
  });

  it('reads a delivery report when the status field is mapped', async () => {
    const context = { inboxId, settings: { ...genericSettings(), inbound: { from: 'from', text: 'text', id: 'ref', status: 'state' } } };
    const parse = async (body: unknown) => (await adapter.parse(signedJson(body), context)).events;
    expect(await parse({ ref: 'gw-1', state: 'DELIVERED' })).toEqual([{ kind: 'status', externalId: 'gw-1', status: 'delivered', error: undefined }]);
    expect(await parse({ ref: 'gw-1', state: 'undelivered' })).toEqual([{ kind: 'status', externalId: 'gw-1', status: 'failed', error: expect.stringContaining('undelivered') }]);
  });

  it('lists the mapped paths that are missing in a malformed SMS', async () => {
    const error = (await caughtError(adapter.parse(signedJson({ message: {} }), genericContext()))) as WebhookPayloadError;
    expect(error.issues.map((issue) => issue.field)).toEqual(['message.id', 'sender.phone', 'message.text']);
  });

  it('keeps an alphanumeric sender as it is when it is not a phone number', async () => {
    const [event] = (await adapter.parse(signedJson({ message: { id: 'm', text: 'Код 1234' }, sender: { phone: 'MegaFon' } }), genericContext())).events;
    expect(event).toMatchObject({ contact: { externalId: 'MegaFon', phone: undefined } });
  });
});
