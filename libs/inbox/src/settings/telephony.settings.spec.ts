import { describe, expect, it } from 'vitest';
import { issuePaths } from './settings-test.util.js';
import { telephonySettings } from './telephony.settings.js';

describe('telephony settings', () => {
  const { schema } = telephonySettings;

  it('accepts a provider with its webhook secret and free-form credentials', () => {
    expect(issuePaths(schema, { provider: 'zadarma', secret: 's', credentials: { key: 'k', userKey: 'u' } })).toEqual([]);
    expect(issuePaths(schema, { provider: 'asterisk', secret: 's' })).toEqual([]);
  });

  it('rejects an unknown provider, a missing secret and unknown top-level keys', () => {
    expect(issuePaths(schema, { provider: 'skype', secret: 's' })).toEqual(['provider']);
    expect(issuePaths(schema, { provider: 'mango' })).toEqual(['secret']);
    expect(issuePaths(schema, { provider: 'mango', secret: 's', apiKey: 'k' })).toEqual(['']);
  });

  it('declares the secret and every credential secret', () => {
    expect(telephonySettings.secretPaths).toEqual(['secret', 'credentials.*']);
  });
});
