import { describe, expect, it } from 'vitest';
import { en } from './catalog.en.js';
import { ru } from './catalog.ru.js';
import { localeFromAcceptLanguage, t } from './translate.js';

describe('t', () => {
  it('renders Russian and English with parameters', () => {
    expect(t('errors.rate_limited', { retryAfter: 30 }, 'ru')).toBe('Слишком много попыток: подождите 30 с и попробуйте снова.');
    expect(t('errors.rate_limited', { retryAfter: 30 }, 'en')).toBe('Too many attempts: wait 30 seconds and try again.');
  });

  it('translates an entity named by its catalog key', () => {
    expect(t('errors.not_found', { entity: 'entity.contact', id: 'x' }, 'ru')).toMatch(/^Контакт x не найден/);
    expect(t('errors.not_found', { entity: 'entity.contact', id: 'x' }, 'en')).toMatch(/^Contact x was not found/);
  });

  it('has every key in both languages, none empty', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(ru), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });
});

describe('localeFromAcceptLanguage', () => {
  it('picks the highest-ranked supported language', () => {
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8,ru;q=0.7', 'ru')).toBe('en');
    expect(localeFromAcceptLanguage('ru-RU,ru;q=0.9', 'en')).toBe('ru');
    expect(localeFromAcceptLanguage('fr', 'ru')).toBe('ru');
    expect(localeFromAcceptLanguage(undefined, 'en')).toBe('en');
  });
});
