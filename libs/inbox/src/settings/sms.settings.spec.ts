import { describe, expect, it } from 'vitest';
import { settingsInputSchema } from './settings-registry.js';
import { issuePaths } from './settings-test.util.js';
import { smsSettings } from './sms.settings.js';

describe('sms settings', () => {
  const { schema } = smsSettings;
  const secret = 'f'.repeat(64);

  it('accepts each provider with its credentials, sender and options', () => {
    expect(issuePaths(schema, { provider: 'twilio', credentials: { accountSid: 'AC1', authToken: 't' }, from: '+15005550006', webhookSecret: secret })).toEqual([]);
    expect(issuePaths(schema, { provider: 'smsru', credentials: { apiId: 'x' }, baseUrl: 'http://127.0.0.1:9000', maxParts: 3, webhookSecret: secret })).toEqual([]);
    const generic = {
      provider: 'generic',
      webhookSecret: secret,
      sendUrl: 'https://sms.example.com/send',
      sendTemplate: { to: '{{to}}', meta: { ref: '{{messageId}}', priority: 1, tags: ['crm'] } },
      inbound: { from: 'sender.phone', text: 'message.text', id: 'message.id' },
      signatureHeader: 'X-Gateway-Signature',
      mediaHosts: ['media.example.com', '*.cdn.example.com'],
      defaultRegion: 'kz',
    };
    expect(issuePaths(schema, generic)).toEqual([]);
    expect(schema.parse(generic).defaultRegion).toBe('KZ');
  });

  it('defaults the credentials to an empty record', () => {
    expect(schema.parse({ provider: 'generic', webhookSecret: secret })).toEqual({ provider: 'generic', credentials: {}, webhookSecret: secret });
  });

  it('lets a client leave out the webhook secret, which the server generates', () => {
    expect(settingsInputSchema('sms').safeParse({ provider: 'twilio' }).success).toBe(true);
  });

  it('rejects unknown providers, bad credential keys, paths, hosts, regions, part counts and unknown keys', () => {
    expect(issuePaths(schema, { provider: 'beeline', webhookSecret: secret })).toEqual(['provider']);
    expect(issuePaths(schema, { provider: 'smsc', webhookSecret: secret })).toEqual(['provider']);
    expect(issuePaths(schema, { provider: 'smsru', credentials: { 'a.b': 'x' }, webhookSecret: secret })).toEqual(['credentials.a.b']);
    expect(issuePaths(schema, { provider: 'smsru', credentials: { apiId: 5 }, webhookSecret: secret })).toEqual(['credentials.apiId']);
    expect(issuePaths(schema, { provider: 'generic', webhookSecret: secret, inbound: { from: 'a..b', text: 't', id: 'i' } })).toEqual(['inbound.from']);
    expect(issuePaths(schema, { provider: 'twilio', webhookSecret: secret, mediaHosts: ['http://x.com/'] })).toEqual(['mediaHosts.0']);
    expect(issuePaths(schema, { provider: 'twilio', webhookSecret: secret, defaultRegion: 'RUS', maxParts: 11 })).toEqual(['defaultRegion', 'maxParts']);
    expect(issuePaths(schema, { provider: 'twilio', webhookSecret: secret, sender: 'Shop' })).toEqual(['']);
  });

  it('declares every credential and the webhook secret secret', () => {
    expect(smsSettings.secretPaths).toEqual(['credentials.*', 'webhookSecret']);
  });
});
