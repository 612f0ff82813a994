import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from './slug.js';

describe('slugify', () => {
  it('transliterates Russian titles when the title is Cyrillic', () => {
    expect(slugify('Возврат товара: сроки и условия')).toBe('vozvrat-tovara-sroki-i-usloviya');
  });

  it('keeps Latin words and drops punctuation when the title is English', () => {
    expect(slugify('  Return an item — how?  ')).toBe('return-an-item-how');
  });

  it('answers a usable slug when the title has no letters', () => {
    expect(slugify('!!!')).toBe('article');
    expect(SLUG_PATTERN.test(slugify('Ёжик & Co'))).toBe(true);
  });
});
