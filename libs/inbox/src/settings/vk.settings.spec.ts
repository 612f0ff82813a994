import { describe, expect, it } from 'vitest';
import { issuePaths } from './settings-test.util.js';
import { vkSettings } from './vk.settings.js';

describe('vk settings', () => {
  const { schema } = vkSettings;
  const valid = { groupId: 123, accessToken: 'vk1.a.token' };

  it('accepts a group with its token, and the optional callback values', () => {
    expect(issuePaths(schema, valid)).toEqual([]);
    expect(
      issuePaths(schema, { ...valid, secretKey: 's', confirmationCode: 'c0de', mode: 'longpoll', apiBaseUrl: 'https://api.vk.com/method' }),
    ).toEqual([]);
  });

  it('rejects a non-positive or textual group id, a missing token, an unknown mode and unknown keys', () => {
    expect(issuePaths(schema, { ...valid, groupId: 0 })).toEqual(['groupId']);
    expect(issuePaths(schema, { ...valid, groupId: '123' })).toEqual(['groupId']);
    expect(issuePaths(schema, { groupId: 1 })).toEqual(['accessToken']);
    expect(issuePaths(schema, { ...valid, mode: 'webhook' })).toEqual(['mode']);
    expect(issuePaths(schema, { ...valid, apiVersion: '5.199' })).toEqual(['']);
  });

  it('declares the access token and the secret key secret, not the confirmation code', () => {
    expect(vkSettings.secretPaths).toEqual(['accessToken', 'secretKey']);
  });
});
