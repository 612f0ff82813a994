import { describe, expect, it } from 'vitest';
import { pickLocale, translator } from './i18n.js';

describe('pickLocale', () => {
  it('uses the inbox language when the inbox fixes one', () => {
    expect(pickLocale('en', ['ru-RU'])).toBe('en');
  });

  it('takes the first browser language the widget speaks, and English when there is none', () => {
    expect(pickLocale(null, ['de-DE', 'ru-RU', 'en-US'])).toBe('ru');
    expect(pickLocale(null, ['EN-gb'])).toBe('en');
    expect(pickLocale(null, ['fr', 'de'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });
});

describe('translator', () => {
  it('renders Russian and English texts with parameters', () => {
    expect(translator('ru')('widget.message.tooLong', { max: 5000 })).toBe('Слишком длинное сообщение: уложитесь в 5000 символов.');
    expect(translator('en')('widget.message.failed', { reason: 'too long' })).toBe('Not sent: too long');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(translator('en')('widget.message.failed')).toBe('Not sent: {reason}');
  });
});
