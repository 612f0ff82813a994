import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApiChannelAdapter } from '@channel-adapters/api';
import {
  AttachmentTooLargeError,
  ChannelConfigError,
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  inboundEventKinds,
  type ChannelAdapter,
  type ChannelContext,
  type WebhookRequest,
} from '@channel-adapters/core';
import { webhookRequest } from '@channel-adapters/core/testing';
import { emailToEvents } from '@channel-adapters/email';
import { SmsChannelAdapter } from '@channel-adapters/sms';
import { TelegramChannelAdapter } from '@channel-adapters/telegram';
import { TelephonyChannelAdapter } from '@channel-adapters/telephony';
import { VkChannelAdapter } from '@channel-adapters/vk';
import { WebchatChannelAdapter } from '@channel-adapters/webchat';
import { autoReply, bounceFor, composeEmail, legacyCharsetEmail, truncatedMultipart } from '../support/email-messages.js';
import { signGenericBody } from '../support/fakes/sms-generic.js';
import { SMSRU_API_ID, smsRuCallback } from '../support/fakes/sms-smsru.js';
import { twilioInboundSms, twilioStatusCallback } from '../support/fakes/sms-twilio.js';
import { ami, signPbxBody } from '../support/fakes/telephony-pbx.js';
import { zadarma, zadarmaCall } from '../support/fakes/telephony-zadarma.js';
import * as tg from '../support/fakes/telegram-updates.js';
import * as vk from '../support/fakes/vk-callbacks.js';
import { FUZZ_SEED, fuzzParameters, mutatedForm, mutatedJson, rawBody } from '../support/fuzz.js';
import { reportReliability } from '../support/reliability-report.js';

const inboxId = '01900000-0000-7000-8000-0000000f0001';
const SECRET = 'fuzz-inbox-secret';
const RUNS = 200;
let cases = 0;

/** The only errors an adapter may throw at the server; anything else would reach the client as a 500. */
const declaredErrors = [WebhookAuthError, WebhookPayloadError, ChannelError, ChannelConfigError, AttachmentTooLargeError];

async function settles(promise: Promise<unknown>): Promise<unknown> {
  cases += 1;
  try {
    return await promise;
  } catch (error) {
    if (!declaredErrors.some((type) => error instanceof type)) throw new Error(`undeclared error ${String(error)}`, { cause: error });
    return undefined;
  }
}

/** Verify and parse both only ever answer normalized events or a declared error. */
async function checkAdapter(adapter: ChannelAdapter, request: WebhookRequest, context: ChannelContext): Promise<void> {
  await settles(adapter.verify(request, context));
  const result = (await settles(adapter.parse(request, context))) as { events: Array<{ kind: string; externalId?: unknown }> } | undefined;
  if (!result) return;
  expect(Array.isArray(result.events)).toBe(true);
  for (const event of result.events) {
    expect(inboundEventKinds).toContain(event.kind);
    if ('externalId' in event) expect(typeof event.externalId).toBe('string');
  }
}

const jsonRequest = (body: unknown, headers: Record<string, string>) => {
  const raw = JSON.stringify(body) ?? 'null';
  return webhookRequest({ rawBody: raw, headers: { 'content-type': 'application/json', ...headers } });
};
const formRequest = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  webhookRequest({ rawBody: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

describe(`channel adapters fed hostile payloads (fast-check seed ${FUZZ_SEED})`, () => {
  afterAll(() => reportReliability('fuzz: channel adapters', { fuzzCases: cases }));

  describe('api channel', () => {
    const adapter = new ApiChannelAdapter();
    const context: ChannelContext = { inboxId, settings: { webhookSecret: SECRET } };
    const fixtures = [
      { externalId: 'order-1', contact: { externalId: 'c-1', name: 'Иван', phone: '+79123456789', email: 'ivan@example.com' }, text: 'Привет' },
      { externalId: 'order-2', contact: { externalId: 'c-2' }, attachments: [{ url: 'https://files.example.com/a.pdf', fileName: 'a.pdf', contentType: 'application/pdf' }] },
    ];

    it('answers events or a declared error for mutated signed messages', async () => {
      await fc.assert(
        fc.asyncProperty(mutatedJson(fixtures), async (body) => {
          const raw = JSON.stringify(body) ?? 'null';
          await checkAdapter(adapter, jsonRequest(body, { 'x-hub-signature-256': `sha256=${signGenericBody(SECRET, raw).slice(7)}` }), context);
        }),
        fuzzParameters(RUNS),
      );
    });

    it('answers events or a declared error for random bytes and headers', async () => {
      await fc.assert(
        fc.asyncProperty(rawBody, fc.dictionary(fc.constantFrom('x-hub-signature-256', 'content-type', 'x-omnibox-delivery'), fc.string({ maxLength: 80 })), async (raw, headers) => {
          await checkAdapter(adapter, webhookRequest({ rawBody: raw, headers }), context);
        }),
        fuzzParameters(RUNS),
      );
    });
  });

  describe('telegram', () => {
    const adapter = new TelegramChannelAdapter();
    const context: ChannelContext = { inboxId, settings: { botToken: '123:fuzz', mode: 'webhook', webhookSecret: SECRET, apiRoot: 'http://127.0.0.1:9' } };
    const fixtures = [
      tg.withBoldGreeting(1, 10),
      tg.groupText(2, 11, 'Опт: нужен счёт'),
      tg.edited(3, 12, 'исправлено'),
      tg.reply(4, 13, 10, 'ответ'),
      tg.callbackQuery(5, 'q-1', 'order:42'),
      tg.photo(6, 14, 'photo-file', 'подпись'),
      tg.document(7, 15, 'doc-file', 'счёт.pdf', 'application/pdf', 120_000),
      tg.ownContact(8, 16, '+79123456789'),
      tg.location(9, 17),
      tg.voice(10, 18, 'voice-file'),
      tg.sticker(11, 19),
      tg.pollAnswer(12),
    ];

    it('answers events or a declared error for mutated updates', async () => {
      await fc.assert(
        fc.asyncProperty(mutatedJson(fixtures), async (update) => {
          await checkAdapter(adapter, jsonRequest(update, { 'x-telegram-bot-api-secret-token': SECRET }), context);
        }),
        fuzzParameters(RUNS),
      );
    });

    it('answers events or a declared error for random bytes', async () => {
      await fc.assert(
        fc.asyncProperty(rawBody, async (raw) => {
          await checkAdapter(adapter, webhookRequest({ rawBody: raw, headers: { 'x-telegram-bot-api-secret-token': SECRET } }), context);
        }),
        fuzzParameters(RUNS),
      );
    });
  });

  describe('sms providers', () => {
    const adapter = new SmsChannelAdapter();
    const twilio: ChannelContext = {
      inboxId,
      settings: { provider: 'twilio', credentials: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: SECRET }, from: '+15005550006' },
      webhookUrl: `https://omnibox.example.com/webhooks/${inboxId}`,
    };
    const smsru: ChannelContext = { inboxId, settings: { provider: 'smsru', credentials: { apiId: SMSRU_API_ID }, webhookSecret: SECRET } };
    const generic: ChannelContext = { inboxId, settings: { provider: 'generic', webhookSecret: SECRET, inbound: { from: 'sender.phone', text: 'message.text', id: 'message.id' } } };

    it('answers events or a declared error for mutated Twilio forms', async () => {
      const fixtures = [
        twilioInboundSms({ sid: 'SM1f0e4c2b9a8d7e6f5a4b3c2d1e0f9a8b', from: '+79123456789', body: 'Когда привезут заказ?' }),
        twilioInboundSms({ sid: 'MM2', from: '+79123456789', body: '', media: [{ url: 'https://api.twilio.com/media/1', contentType: 'image/jpeg' }] }),
        twilioStatusCallback({ sid: 'SM3', status: 'undelivered', to: '+79123456789', errorCode: '30003' }),
      ];
      await fc.assert(
        fc.asyncProperty(mutatedForm(fixtures), fc.string({ maxLength: 40 }), async (form, signature) => {
          await checkAdapter(adapter, formRequest(form, { 'x-twilio-signature': signature }), twilio);
        }),
        fuzzParameters(RUNS),
      );
    });

    it('answers events or a declared error for mutated SMS.ru callbacks', async () => {
      const fixtures = [Object.fromEntries(new URLSearchParams(smsRuCallback(SMSRU_API_ID, [{ smsId: '000000-10000001', status: 103 }, { smsId: '000000-10000002', status: 104 }])))];
      await fc.assert(
        fc.asyncProperty(mutatedForm(fixtures), async (form) => {
          await checkAdapter(adapter, webhookRequest({ rawBody: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, query: { secret: SECRET } }), smsru);
        }),
        fuzzParameters(RUNS),
      );
    });

    it('answers events or a declared error for mutated signed gateway JSON', async () => {
      const fixtures = [{ message: { id: 'gw-in-77', text: 'Добрый день! Есть ли доставка в Казань?' }, sender: { phone: '8 (912) 345-67-89' } }];
      await fc.assert(
        fc.asyncProperty(mutatedJson(fixtures), async (body) => {
          const raw = JSON.stringify(body) ?? 'null';
          await checkAdapter(adapter, webhookRequest({ rawBody: raw, headers: { 'content-type': 'application/json', 'x-signature': signGenericBody(SECRET, raw) } }), generic);
        }),
        fuzzParameters(RUNS),
      );
    });
  });

  describe('telephony providers', () => {
    const adapter = new TelephonyChannelAdapter();
    const zadarmaContext: ChannelContext = { inboxId, settings: { provider: 'zadarma', secret: SECRET, credentials: { apiKey: 'key' }, apiBaseUrl: 'http://127.0.0.1:9' } };
    const genericContext: ChannelContext = { inboxId, settings: { provider: 'generic', secret: SECRET } };
    const asteriskContext: ChannelContext = { inboxId, settings: { provider: 'asterisk', secret: SECRET } };
    const call = zadarmaCall({ pbxCallId: 'in_0f3c9a2b7d', callerId: '79123456789' });

    it('answers events or a declared error for mutated Zadarma notifications and echo checks', async () => {
      const fixtures = [
        zadarma.start(call, SECRET).params,
        zadarma.answer(call, '101', SECRET).params,
        zadarma.end(call, { internal: '101', duration: 125, disposition: 'answered', recordId: '1710411300.1585217' }, SECRET).params,
        zadarma.outEnd(call, { internal: '102', duration: 40, disposition: 'answered', recordId: 'rec-9' }, SECRET).params,
        zadarma.record(call, '1710411300.1585217', SECRET).params,
      ];
      await fc.assert(
        fc.asyncProperty(mutatedForm(fixtures), fc.string({ maxLength: 40 }), fc.option(fc.string({ maxLength: 60 })), async (form, signature, echo) => {
          await checkAdapter(adapter, formRequest(form, { signature }), zadarmaContext);
          if (echo !== null) await checkAdapter(adapter, webhookRequest({ method: 'GET', query: { zd_echo: echo } }), zadarmaContext);
        }),
        fuzzParameters(RUNS),
      );
    });

    it('answers events or a declared error for mutated signed generic and Asterisk events', async () => {
      const fixtures = [
        { callId: 'c-100', event: 'started', direction: 'inbound', from: '+7 912 345-67-89', to: '+74951234567' },
        [{ callId: 'c-101', event: 'ended', direction: 'outbound', from: '+74951234567', to: '+79123456789', agentExtension: '101', durationSec: 30, recordingUrl: 'https://pbx.example.com/r.mp3', at: '2025-03-14T10:15:00Z' }],
        ami.newchannel({ linkedid: '1710411300.42', callerIdNum: '79123456789', exten: '74951234567' }),
        ami.dialEnd({ linkedid: '1710411300.42', callerIdNum: '79123456789', agent: '101', status: 'ANSWER' }),
        ami.cdr({ linkedid: '1710411300.42', source: '79123456789', destination: '74951234567', agent: '101', disposition: 'ANSWERED', billsec: 60, recordingUrl: 'https://pbx.example.com/r.wav' }),
      ];
      await fc.assert(
        fc.asyncProperty(mutatedJson(fixtures), fc.boolean(), async (body, asterisk) => {
          const raw = JSON.stringify(body) ?? 'null';
          const request = webhookRequest({ rawBody: raw, headers: { 'content-type': 'application/json', 'x-signature': signPbxBody(SECRET, raw) } });
          await checkAdapter(adapter, request, asterisk ? asteriskContext : genericContext);
        }),
        fuzzParameters(RUNS),
      );
    });
  });

  describe('vk', () => {
    const adapter = new VkChannelAdapter();
    // Without an access token parsing asks VK for no names, so nothing is called.
    const context: ChannelContext = { inboxId, settings: { groupId: vk.GROUP_ID, secretKey: SECRET, confirmationCode: 'c0nf1rm', mode: 'callback' } };
    const fixtures = [
      vk.messageNew(vk.message(vk.CUSTOMER.id, 5, 'Здравствуйте!'), { secret: SECRET }),
      vk.messageNew(vk.message(vk.CUSTOMER.id, 6, '', { attachments: [vk.photo('https://sun9-1.userapi.com/p.jpg'), vk.doc('https://vk.com/doc1', 'счёт.pdf', 1200, 'pdf')] }), { secret: SECRET }),
      vk.messageReply(vk.CUSTOMER.id, 7, 'Ответ', { secret: SECRET }),
      vk.messageEdit(vk.CUSTOMER.id, 5, 'Исправлено', { secret: SECRET }),
      vk.messageAllow(vk.CUSTOMER.id, { secret: SECRET }),
      vk.messageDeny(vk.CUSTOMER.id, { secret: SECRET }),
      vk.messageEvent(vk.CUSTOMER.id, 'ev-1', { button: 'yes' }, { secret: SECRET }),
      vk.confirmation({ secret: SECRET }),
    ];

    it('answers events or a declared error for mutated callbacks', async () => {
      await fc.assert(
        fc.asyncProperty(mutatedJson(fixtures), async (body) => {
          await checkAdapter(adapter, jsonRequest(body, {}), context);
        }),
        fuzzParameters(RUNS),
      );
    });
  });

  describe('web chat', () => {
    it('refuses every webhook with a declared error, since visitors write over Socket.IO', async () => {
      const adapter = new WebchatChannelAdapter();
      await fc.assert(
        fc.asyncProperty(mutatedJson([{ text: 'hi' }]), async (body) => {
          await checkAdapter(adapter, jsonRequest(body, {}), { inboxId, settings: {} });
        }),
        fuzzParameters(50),
      );
    });
  });

  describe('e-mail (mailparser input)', () => {
    it('turns mutated and truncated raw e-mails into events without throwing', async () => {
      const fixtures = [
        await composeEmail({ from: 'anna@customer.example', fromName: 'Анна Ёлкина', to: 'support@shop.example', subject: 'Заказ 4521', text: 'Где мой заказ?', html: '<p>Где <b>мой</b> заказ?</p><img src="cid:logo">', attachments: [{ filename: 'счёт.pdf', content: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' }] }),
        legacyCharsetEmail({ charset: 'koi8-r', from: 'ivan@customer.example', fromName: 'Иван', to: 'support@shop.example', subject: 'Вопрос', text: 'Здравствуйте, есть ли доставка?' }),
        bounceFor({ originalMessageId: '<out-1@shop.example>', originalFrom: 'support@shop.example', recipient: 'gone@customer.example', to: 'support@shop.example' }),
        await autoReply({ from: 'anna@customer.example', to: 'support@shop.example', marker: 'auto-submitted' }),
        truncatedMultipart({ from: 'anna@customer.example', to: 'support@shop.example', text: 'обрезано' }),
      ];
      const splice = fc.record({ at: fc.nat(), remove: fc.nat({ max: 200 }), insert: fc.uint8Array({ maxLength: 60 }) });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fixtures), fc.array(splice, { minLength: 1, maxLength: 4 }), async (fixture, splices) => {
          let raw = Buffer.from(fixture);
          for (const { at, remove, insert } of splices) {
            const position = at % (raw.length + 1);
            raw = Buffer.concat([raw.subarray(0, position), Buffer.from(insert), raw.subarray(position + remove)]);
          }
          cases += 1;
          const events = await emailToEvents(raw, { ownAddress: 'support@shop.example' });
          for (const event of events) expect(inboundEventKinds).toContain(event.kind);
        }),
        fuzzParameters(RUNS),
      );
    });
  });
});
