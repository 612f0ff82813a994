import { describe, expect, it } from 'vitest';
import { issuePaths } from './settings-test.util.js';
import { webchatSettings } from './webchat.settings.js';

describe('webchat settings', () => {
  const { schema } = webchatSettings;
  const valid = { allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'], widgetToken: 'tok' };

  it('accepts site origins with an optional greeting and colour', () => {
    expect(issuePaths(schema, valid)).toEqual([]);
    expect(issuePaths(schema, { ...valid, greeting: 'Здравствуйте!', color: '#A1b2C3' })).toEqual([]);
  });

  it('rejects origins with a path, a colour that is not #rrggbb and unknown keys', () => {
    expect(issuePaths(schema, { ...valid, allowedOrigins: ['https://shop.example.com/chat'] })).toEqual(['allowedOrigins.0']);
    expect(issuePaths(schema, { ...valid, color: '#abc' })).toEqual(['color']);
    expect(issuePaths(schema, { ...valid, position: 'left' })).toEqual(['']);
  });

  it('accepts when and whether the widget asks for contacts, a working-hours message and a fixed language', () => {
    const full = { ...valid, askContact: 'before', requireContactInfo: true, workingHoursMessage: 'Отвечаем в будни с 9 до 18', locale: 'en' };
    expect(issuePaths(schema, full)).toEqual([]);
    for (const askContact of ['before', 'after', 'never']) expect(issuePaths(schema, { ...valid, askContact })).toEqual([]);
  });

  it('rejects an unknown askContact, a non-boolean requireContactInfo, an unsupported locale and an overlong working-hours message', () => {
    expect(issuePaths(schema, { ...valid, askContact: 'always' })).toEqual(['askContact']);
    expect(issuePaths(schema, { ...valid, requireContactInfo: 'yes' })).toEqual(['requireContactInfo']);
    expect(issuePaths(schema, { ...valid, locale: 'de' })).toEqual(['locale']);
    expect(issuePaths(schema, { ...valid, workingHoursMessage: 'ч'.repeat(501) })).toEqual(['workingHoursMessage']);
  });

  it('generates a URL-safe widget token that is not secret', () => {
    const token = webchatSettings.generated.widgetToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(webchatSettings.generated.widgetToken()).not.toBe(token);
    expect(webchatSettings.secretPaths).toEqual([]);
  });
});
