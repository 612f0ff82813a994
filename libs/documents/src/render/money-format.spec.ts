import { describe, expect, it } from 'vitest';
import { formatMoney, formatQuantity } from './money-format.js';

describe('money formatting', () => {
  it('groups thousands with a no-break space and a decimal comma in Russian', () => {
    expect(formatMoney('1234567.8', 'RUB', 'ru')).toBe('1\u00a0234\u00a0567,80\u00a0₽');
  });

  it('uses commas and a decimal point in English', () => {
    expect(formatMoney('1234.5', 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney('1234.5', 'RUB', 'en')).toBe('1,234.50\u00a0RUB');
  });

  it('drops needless zeros from quantities', () => {
    expect(formatQuantity('2.000', 'ru')).toBe('2');
    expect(formatQuantity('1.500', 'ru')).toBe('1,5');
    expect(formatQuantity('1.500', 'en')).toBe('1.5');
  });
});
