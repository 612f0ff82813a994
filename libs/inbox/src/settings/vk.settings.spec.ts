import { describe, expect, it } from 'vitest';
import { requestContext } from '@app/common';
import { issuePaths } from './settings-test.util.js';
import { vkSettings } from './vk.settings.js';

describe('vk settings', () => {
  const { schema } = vkSettings;
  const valid = { groupId: 123, accessToken: 'vk1.a.token' };
  const messagesOf = (value: unknown, locale: 'ru' | 'en') =>
    requestContext.run({ requestId: 'r', locale }, () => schema.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]));

  it('accepts a group with its token, and the optional callback values', () => {
    expect(issuePaths(schema, valid)).toEqual([]);
    expect(
      issuePaths(schema, { ...valid, secretKey: 's', confirmationCode: 'c0de', mode: 'longpoll', apiBaseUrl: 'https://api.vk.com/method' }),
    ).toEqual([]);
  });

  it('reads the group id from the forms VK shows it in', () => {
    for (const groupId of ['123', 'club123', 'public123', '-123', 'https://vk.com/club123', ' 123 ']) {
      expect(schema.parse({ ...valid, groupId }).groupId).toBe(123);
    }
  });

  it('rejects a non-positive or textual group id, a missing token, an unknown mode and unknown keys', () => {
    expect(issuePaths(schema, { ...valid, groupId: 0 })).toEqual(['groupId']);
    expect(issuePaths(schema, { ...valid, groupId: 'shop_online' })).toEqual(['groupId']);
    expect(issuePaths(schema, { groupId: 1 })).toEqual(['accessToken']);
    expect(issuePaths(schema, { ...valid, accessToken: '' })).toEqual(['accessToken']);
    expect(issuePaths(schema, { ...valid, mode: 'webhook' })).toEqual(['mode']);
    expect(issuePaths(schema, { ...valid, apiBaseUrl: 'file:///etc/passwd' })).toEqual(['apiBaseUrl']);
    expect(issuePaths(schema, { ...valid, apiVersion: '5.199' })).toEqual(['']);
  });

  it('explains in the request\'s language where in VK each value is found', () => {
    const bad = { groupId: 'shop', accessToken: '', mode: 'webhook' };
    expect(messagesOf(bad, 'en')).toEqual([
      ['groupId', expect.stringContaining('numeric id')],
      ['accessToken', expect.stringContaining('Access tokens')],
      ['mode', expect.stringContaining('longpoll')],
    ]);
    expect(messagesOf(bad, 'ru')).toEqual([
      ['groupId', expect.stringContaining('числовой id')],
      ['accessToken', expect.stringContaining('Ключи доступа')],
      ['mode', expect.stringContaining('longpoll')],
    ]);
  });

  it('declares the access token and the secret key secret, not the confirmation code', () => {
    expect(vkSettings.secretPaths).toEqual(['accessToken', 'secretKey']);
  });

  it('leaves the community\'s name and a fetched confirmation code to the connect step', () => {
    expect(vkSettings.connected).toEqual(['groupName', 'callbackConfirmationCode']);
  });
});
