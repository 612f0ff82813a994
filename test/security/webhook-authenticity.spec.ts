import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiChannelAdapter, TIMESTAMP_TOLERANCE_SECONDS } from '@channel-adapters/api';
import { WebhookAuthError, type ChannelAdapter, type ChannelContext, type WebhookRequest } from '@channel-adapters/core';
import { caughtError, webhookRequest } from '@channel-adapters/core/testing';
import { SmsChannelAdapter } from '@channel-adapters/sms';
import { TelegramChannelAdapter } from '@channel-adapters/telegram';
import { TelephonyChannelAdapter } from '@channel-adapters/telephony';
import { WebchatChannelAdapter } from '@channel-adapters/webchat';
import { signGenericBody } from '../support/fakes/sms-generic.js';
import { SMSRU_API_ID, smsRuCallback } from '../support/fakes/sms-smsru.js';
import { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, twilioInboundSms, twilioSignatureOf } from '../support/fakes/sms-twilio.js';
import { signPbxBody } from '../support/fakes/telephony-pbx.js';
import { ZADARMA_SECRET, zadarma, zadarmaCall } from '../support/fakes/telephony-zadarma.js';
import { reportReliability } from '../support/reliability-report.js';

const inboxId = '01900000-0000-7000-8000-0000000a0001';
const SECRET = 'authenticity-secret';
const WEBHOOK_URL = `https://omnibox.example.com/webhooks/${inboxId}`;
const json = (body: unknown, headers: Record<string, string> = {}, receivedAt?: Date) =>
  webhookRequest({ rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers }, receivedAt });
const form = (params: Record<string, string> | string, headers: Record<string, string> = {}) =>
  webhookRequest({ rawBody: typeof params === 'string' ? params : new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

interface SignedChannel {
  name: string;
  adapter: ChannelAdapter;
  context: ChannelContext;
  signed: () => WebhookRequest;
  unsigned: () => WebhookRequest;
  wronglySigned: () => WebhookRequest;
}

const apiBody = { externalId: 'm-1', contact: { externalId: 'c-1' }, text: 'Привет' };
const smsBody = { message: { id: 'gw-1', text: 'Привет' }, sender: { phone: '+79123456789' } };
const pbxBody = { callId: 'c-1', event: 'started', direction: 'inbound', from: '+79123456789', to: '+74951234567' };
const sms = twilioInboundSms({ sid: 'SM1', from: '+79123456789', body: 'Привет' });
const call = zadarmaCall({ pbxCallId: 'in_1', callerId: '79123456789' });

const channels: SignedChannel[] = [
  {
    name: 'api (X-Hub-Signature-256)',
    adapter: new ApiChannelAdapter(),
    context: { inboxId, settings: { webhookSecret: SECRET } },
    signed: () => json(apiBody, { 'x-hub-signature-256': signGenericBody(SECRET, JSON.stringify(apiBody)) }),
    unsigned: () => json(apiBody),
    wronglySigned: () => json(apiBody, { 'x-hub-signature-256': signGenericBody('guess', JSON.stringify(apiBody)) }),
  },
  {
    name: 'telegram (secret token header)',
    adapter: new TelegramChannelAdapter(),
    context: { inboxId, settings: { botToken: '1:x', webhookSecret: SECRET } },
    signed: () => json({ update_id: 1 }, { 'x-telegram-bot-api-secret-token': SECRET }),
    unsigned: () => json({ update_id: 1 }),
    wronglySigned: () => json({ update_id: 1 }, { 'x-telegram-bot-api-secret-token': `${SECRET}x` }),
  },
  {
    name: 'sms twilio (X-Twilio-Signature)',
    adapter: new SmsChannelAdapter(),
    context: { inboxId, settings: { provider: 'twilio', credentials: { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN }, from: '+15005550006' }, webhookUrl: WEBHOOK_URL },
    signed: () => form(sms, { 'x-twilio-signature': twilioSignatureOf(TWILIO_AUTH_TOKEN, WEBHOOK_URL, sms) }),
    unsigned: () => form(sms),
    wronglySigned: () => form(sms, { 'x-twilio-signature': twilioSignatureOf('other-token', WEBHOOK_URL, sms) }),
  },
  {
    name: 'sms.ru (hash)',
    adapter: new SmsChannelAdapter(),
    context: { inboxId, settings: { provider: 'smsru', credentials: { apiId: SMSRU_API_ID }, webhookSecret: SECRET } },
    signed: () => form(smsRuCallback(SMSRU_API_ID, [{ smsId: '1', status: 103 }])),
    unsigned: () => form(smsRuCallback(SMSRU_API_ID, [{ smsId: '1', status: 103 }]).replace(/&hash=[0-9a-f]+/, '')),
    wronglySigned: () => form(smsRuCallback('another-api-id', [{ smsId: '1', status: 103 }])),
  },
  {
    name: 'sms generic gateway (X-Signature)',
    adapter: new SmsChannelAdapter(),
    context: { inboxId, settings: { provider: 'generic', webhookSecret: SECRET, inbound: { from: 'sender.phone', text: 'message.text', id: 'message.id' } } },
    signed: () => json(smsBody, { 'x-signature': signGenericBody(SECRET, JSON.stringify(smsBody)) }),
    unsigned: () => json(smsBody),
    wronglySigned: () => json(smsBody, { 'x-signature': signGenericBody('guess', JSON.stringify(smsBody)) }),
  },
  {
    name: 'telephony zadarma (Signature)',
    adapter: new TelephonyChannelAdapter(),
    context: { inboxId, settings: { provider: 'zadarma', secret: ZADARMA_SECRET, credentials: { apiKey: 'k' } } },
    signed: () => form(zadarma.start(call).body, { signature: zadarma.start(call).signature }),
    unsigned: () => form(zadarma.start(call).body),
    wronglySigned: () => form(zadarma.start(call).body, { signature: zadarma.start(call, 'wrong-secret').signature }),
  },
  {
    name: 'telephony generic PBX (X-Signature)',
    adapter: new TelephonyChannelAdapter(),
    context: { inboxId, settings: { provider: 'generic', secret: SECRET } },
    signed: () => json(pbxBody, { 'x-signature': signPbxBody(SECRET, JSON.stringify(pbxBody)) }),
    unsigned: () => json(pbxBody),
    wronglySigned: () => json(pbxBody, { 'x-signature': signPbxBody('guess', JSON.stringify(pbxBody)) }),
  },
];

describe('webhook authenticity of every signed channel', () => {
  let checks = 0;
  afterAll(() => reportReliability('webhook authenticity', { accessChecks: checks }));
  const refused = async (adapter: ChannelAdapter, request: WebhookRequest, context: ChannelContext) => {
    checks += 1;
    return (await caughtError(adapter.verify(request, context))) instanceof WebhookAuthError;
  };

  it.each(channels.map((channel) => [channel.name, channel] as const))('%s: accepts the signed request and refuses a missing or wrong signature', async (_name, channel) => {
    checks += 1;
    await expect(channel.adapter.verify(channel.signed(), channel.context)).resolves.toBeUndefined();
    expect(await refused(channel.adapter, channel.unsigned(), channel.context)).toBe(true);
    expect(await refused(channel.adapter, channel.wronglySigned(), channel.context)).toBe(true);
    // A channel set up without its secret trusts nobody.
    expect(await refused(channel.adapter, channel.signed(), { ...channel.context, settings: {} })).toBe(true);
  });

  it('web chat takes no webhooks at all', async () => {
    expect(await refused(new WebchatChannelAdapter(), json({ text: 'x' }), { inboxId, settings: {} })).toBe(true);
  });

  describe('api channel with a signed timestamp', () => {
    const adapter = new ApiChannelAdapter();
    const context: ChannelContext = { inboxId, settings: { webhookSecret: SECRET } };
    const raw = JSON.stringify(apiBody);
    const now = new Date('2026-03-01T10:00:00Z');
    const at = (offsetSeconds: number) => String(Math.floor(now.getTime() / 1000) + offsetSeconds);
    const signedAt = (timestamp: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
    const request = (timestamp: string, signature = signedAt(timestamp)) => json(apiBody, { 'x-omnibox-timestamp': timestamp, 'x-hub-signature-256': signature }, now);

    it('accepts a request signed over timestamp and body within the window', async () => {
      await expect(adapter.verify(request(at(0)), context)).resolves.toBeUndefined();
      await expect(adapter.verify(request(at(-TIMESTAMP_TOLERANCE_SECONDS + 5)), context)).resolves.toBeUndefined();
    });

    it('refuses the same signed request replayed outside the window, in either direction', async () => {
      expect(await refused(adapter, request(at(-TIMESTAMP_TOLERANCE_SECONDS - 1)), context)).toBe(true);
      expect(await refused(adapter, request(at(TIMESTAMP_TOLERANCE_SECONDS + 1)), context)).toBe(true);
    });

    it('refuses a timestamp changed after signing, a body-only signature sent with a timestamp, and a malformed timestamp', async () => {
      expect(await refused(adapter, request(at(0), signedAt(at(-600))), context)).toBe(true);
      expect(await refused(adapter, request(at(0), signGenericBody(SECRET, raw)), context)).toBe(true);
      expect(await refused(adapter, request('1e9', signedAt('1e9')), context)).toBe(true);
      expect(await refused(adapter, request(at(0), signedAt(at(0), 'guess')), context)).toBe(true);
    });
  });
});
