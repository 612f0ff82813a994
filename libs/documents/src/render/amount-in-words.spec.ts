import { describe, expect, it } from 'vitest';
import { amountInWords, englishNumber, russianNumber, russianPlural } from './amount-in-words.js';

const RUB: [string, string, string] = ['рубль', 'рубля', 'рублей'];

describe('amountInWords', () => {
  it('writes 1 234 567,89 ₽ in Russian words with kopecks in digits', () => {
    expect(amountInWords('1234567.89', 'RUB', 'ru')).toBe('Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек');
  });

  it.each([
    ['1.00', 'Один рубль 00 копеек'],
    ['2.01', 'Два рубля 01 копейка'],
    ['5.02', 'Пять рублей 02 копейки'],
    ['11.11', 'Одиннадцать рублей 11 копеек'],
    ['21.21', 'Двадцать один рубль 21 копейка'],
    ['0', 'Ноль рублей 00 копеек'],
  ])('uses the right Russian plural for %s', (amount, words) => {
    expect(amountInWords(amount, 'RUB', 'ru')).toBe(words);
  });

  it('uses feminine thousands and masculine millions', () => {
    expect(russianNumber(2_001_000n, 'm')).toBe('два миллиона одна тысяча');
    expect(russianNumber(21_000n, 'm')).toBe('двадцать одна тысяча');
    expect(russianNumber(5_000_000_000n, 'm')).toBe('пять миллиардов');
  });

  it('picks the plural by the last two digits', () => {
    expect([1, 2, 5, 11, 21, 104, 111, 112].map((n) => russianPlural(n, RUB))).toEqual(['рубль', 'рубля', 'рублей', 'рублей', 'рубль', 'рубля', 'рублей', 'рублей']);
  });

  it('writes English words when the locale is en', () => {
    expect(amountInWords('1234567.89', 'RUB', 'en')).toBe('One million two hundred thirty-four thousand five hundred sixty-seven roubles 89 kopecks');
    expect(amountInWords('1.01', 'USD', 'en')).toBe('One US dollar 01 cent');
    expect(englishNumber(1_000_020n)).toBe('one million twenty');
  });

  it('rounds half a kopeck up', () => {
    expect(amountInWords('10.995', 'RUB', 'ru')).toBe('Одиннадцать рублей 00 копеек');
  });
});
