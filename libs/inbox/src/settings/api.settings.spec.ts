import { describe, expect, it } from 'vitest';
import { apiSettings } from './api.settings.js';
import { issuePaths } from './settings-test.util.js';

describe('api settings', () => {
  const { schema } = apiSettings;

  it('accepts a webhook secret with an optional http(s) callback URL', () => {
    expect(issuePaths(schema, { webhookSecret: 'a'.repeat(64) })).toEqual([]);
    expect(issuePaths(schema, { webhookSecret: 's', callbackUrl: 'https://crm.example.com/hook' })).toEqual([]);
  });

  it('rejects a callback URL of another scheme, a missing webhook secret and unknown keys', () => {
    expect(issuePaths(schema, { webhookSecret: 's', callbackUrl: 'javascript:alert(1)' })).toEqual(['callbackUrl']);
    expect(issuePaths(schema, {})).toEqual(['webhookSecret']);
    expect(issuePaths(schema, { webhookSecret: 's', token: 't' })).toEqual(['']);
  });

  it('generates a secret of 32 random bytes in hex, different every time', () => {
    const secret = apiSettings.generated.webhookSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(apiSettings.generated.webhookSecret()).not.toBe(secret);
    expect(apiSettings.secretPaths).toEqual(['webhookSecret']);
  });
});
