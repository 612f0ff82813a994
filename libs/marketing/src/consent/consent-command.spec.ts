import { describe, expect, it } from 'vitest';
import { consentCommandOf } from './consent-command.js';

describe('consentCommandOf', () => {
  it('reads a stop word in any case, with spaces and punctuation around it', () => {
    for (const text of ['STOP', ' stop! ', 'Unsubscribe.', 'Стоп', 'СТОП!!!', 'отписаться', '«Отписка»']) expect(consentCommandOf(text)).toBe('stop');
  });

  it('reads a start word, including the Telegram /start command', () => {
    for (const text of ['START', 'Старт', 'подписаться', '/start']) expect(consentCommandOf(text)).toBe('start');
  });

  it('ignores a message that only contains a stop word among others', () => {
    for (const text of ['please stop calling', 'стоп-кран', 'не надо стоп', '', null, undefined]) expect(consentCommandOf(text)).toBeNull();
  });
});
