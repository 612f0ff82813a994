import { describe, expect, it } from 'vitest';
import { degradeButtonsToText, splitText } from './text.util.js';

describe('degradeButtonsToText', () => {
  it('appends the buttons of every row as numbered options when given buttons', () => {
    const buttons = [[{ id: 'y', text: 'Да' }, { id: 'n', text: 'Нет' }], [{ id: 'site', text: 'Сайт', url: 'https://example.com' }]];
    expect(degradeButtonsToText('Подтвердить заказ?', buttons)).toBe('Подтвердить заказ?\n\n1. Да\n2. Нет\n3. Сайт: https://example.com');
  });

  it('returns only the options when there is no text', () => {
    expect(degradeButtonsToText(undefined, [[{ id: 'y', text: 'Yes' }, { id: 'n', text: 'No' }]])).toBe('1. Yes\n2. No');
  });

  it('returns the text unchanged when there are no buttons', () => {
    expect(degradeButtonsToText('Hello', undefined)).toBe('Hello');
    expect(degradeButtonsToText('Hello', [[]])).toBe('Hello');
  });
});

describe('splitText', () => {
  it('returns the text as one part when it fits', () => {
    expect(splitText('Привет', 6)).toEqual(['Привет']);
    expect(splitText('', 10)).toEqual([]);
  });

  it('cuts between paragraphs before lines and words', () => {
    const text = 'Первый абзац.\n\nВторой абзац, длиннее.';
    expect(splitText(text, 30)).toEqual(['Первый абзац.', 'Второй абзац, длиннее.']);
  });

  it('cuts between lines when a paragraph does not fit', () => {
    expect(splitText('строка один\nстрока два\nстрока три', 22)).toEqual(['строка один\nстрока два', 'строка три']);
  });

  it('cuts between words when a line does not fit', () => {
    expect(splitText('один два три четыре', 9)).toEqual(['один два', 'три', 'четыре']);
  });

  it('never splits a surrogate pair when it must cut inside a word', () => {
    const text = '😀'.repeat(5); // 10 UTF-16 code units
    const parts = splitText(text, 3);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(3);
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });

  it('keeps an emoji sequence whole when it must cut inside a word', () => {
    const family = '👨‍👩‍👧'; // 8 code units, one grapheme
    expect(splitText(`ab${family}cd`, 9)).toEqual(['ab', `${family}c`, 'd']);
  });

  it('keeps every part within the limit and loses no words for long Cyrillic text', () => {
    const words = Array.from({ length: 500 }, (_, i) => `слово${i}`);
    const parts = splitText(words.join(' '), 100);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100);
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('rejects a limit below one', () => {
    expect(() => splitText('abc', 0)).toThrow(RangeError);
  });
});
