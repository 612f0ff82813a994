import { describe, expect, it } from 'vitest';
import { issuePaths } from './settings-test.util.js';
import { smsSettings } from './sms.settings.js';

describe('sms settings', () => {
  const { schema } = smsSettings;

  it('accepts any credentials a provider needs and an optional base URL', () => {
    expect(issuePaths(schema, { provider: 'twilio', credentials: { accountSid: 'AC1', authToken: 't' } })).toEqual([]);
    expect(issuePaths(schema, { provider: 'smsru', credentials: { api_id: 'x' }, baseUrl: 'http://127.0.0.1:9000' })).toEqual([]);
  });

  it('defaults the credentials to an empty record', () => {
    expect(schema.parse({ provider: 'generic' })).toEqual({ provider: 'generic', credentials: {} });
  });

  it('rejects an unknown provider, credential keys that are not identifiers, non-text credentials and unknown keys', () => {
    expect(issuePaths(schema, { provider: 'beeline' })).toEqual(['provider']);
    expect(issuePaths(schema, { provider: 'smsc', credentials: { 'a.b': 'x' } })).toEqual(['credentials.a.b']);
    expect(issuePaths(schema, { provider: 'smsc', credentials: { login: 5 } })).toEqual(['credentials.login']);
    expect(issuePaths(schema, { provider: 'smsc', sender: 'Shop' })).toEqual(['']);
  });

  it('declares every credential secret', () => {
    expect(smsSettings.secretPaths).toEqual(['credentials.*']);
  });
});
