import { describe, expect, it } from 'vitest';
import { issuePaths } from './settings-test.util.js';
import { telegramSettings } from './telegram.settings.js';

describe('telegram settings', () => {
  const { schema } = telegramSettings;

  it('accepts a bot token alone and with mode and apiRoot', () => {
    expect(schema.safeParse({ botToken: '123:abc' }).success).toBe(true);
    expect(schema.safeParse({ botToken: '123:abc', mode: 'polling', apiRoot: 'http://127.0.0.1:8081' }).success).toBe(true);
  });

  it('rejects a missing token, an unknown mode, a non-http apiRoot and unknown keys', () => {
    expect(issuePaths(schema, {})).toEqual(['botToken']);
    expect(issuePaths(schema, { botToken: '' })).toEqual(['botToken']);
    expect(issuePaths(schema, { botToken: 'x', mode: 'push', apiRoot: 'file:///etc/passwd' })).toEqual(['apiRoot', 'mode']);
    expect(issuePaths(schema, { botToken: 'x', chatId: 1 })).toEqual(['']);
  });

  it('declares the bot token and the webhook secret secret', () => {
    expect(telegramSettings.secretPaths).toEqual(['botToken', 'webhookSecret']);
  });

  it('leaves the bot\'s identity and the webhook secret to the connect step', () => {
    expect(telegramSettings.connected).toEqual(['botId', 'botUsername', 'botName', 'webhookSecret']);
    expect(schema.safeParse({ botToken: '123:abc', mode: 'webhook', botId: 42, botUsername: 'shop_bot', botName: 'Магазин', webhookSecret: 'enc:v1:x' }).success).toBe(true);
  });
});
