import { describe, expect, it } from 'vitest';
import { issuePaths } from './settings-test.util.js';
import { telephonySettings } from './telephony.settings.js';

describe('telephony settings', () => {
  const { schema } = telephonySettings;

  it('accepts a provider with its webhook secret, credentials and options', () => {
    expect(issuePaths(schema, { provider: 'zadarma', secret: 's', credentials: { apiKey: 'k' }, apiBaseUrl: 'https://api.zadarma.com' })).toEqual([]);
    expect(issuePaths(schema, { provider: 'asterisk', secret: 's', recordingHosts: ['pbx.example.com', '*.records.example.com'], defaultRegion: 'by' })).toEqual([]);
    expect(issuePaths(schema, { provider: 'generic', secret: 's' })).toEqual([]);
  });

  it('rejects an unknown provider, a missing secret, bad hosts and unknown top-level keys', () => {
    expect(issuePaths(schema, { provider: 'skype', secret: 's' })).toEqual(['provider']);
    expect(issuePaths(schema, { provider: 'zadarma' })).toEqual(['secret']);
    expect(issuePaths(schema, { provider: 'generic', secret: 's', recordingHosts: ['10.0.0.1/rec'] })).toEqual(['recordingHosts.0']);
    expect(issuePaths(schema, { provider: 'zadarma', secret: 's', apiKey: 'k' })).toEqual(['']);
  });

  it('declares the secret and every credential secret', () => {
    expect(telephonySettings.secretPaths).toEqual(['secret', 'credentials.*']);
  });
});
