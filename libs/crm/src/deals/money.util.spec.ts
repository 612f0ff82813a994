import { describe, expect, it } from 'vitest';
import { fromScaledInteger, lineItemsTotal, toScaledInteger } from './money.util.js';

describe('toScaledInteger', () => {
  it('reads decimal strings and numbers exactly', () => {
    expect(toScaledInteger('199.99', 2)).toBe(19999n);
    expect(toScaledInteger(199.99, 2)).toBe(19999n);
    expect(toScaledInteger('0.1', 2)).toBe(10n);
    expect(toScaledInteger(' 12 ', 2)).toBe(1200n);
    expect(toScaledInteger('1.500', 2)).toBe(150n);
    expect(toScaledInteger('2.5', 3)).toBe(2500n);
  });

  it('answers null when the value has more decimals than allowed, is negative or is not a number', () => {
    expect(toScaledInteger('1.999', 2)).toBeNull();
    expect(toScaledInteger('-1', 2)).toBeNull();
    expect(toScaledInteger(-1, 2)).toBeNull();
    expect(toScaledInteger('abc', 2)).toBeNull();
    expect(toScaledInteger('1e3', 2)).toBeNull();
    expect(toScaledInteger(1e21, 2)).toBeNull();
    expect(toScaledInteger(Number.NaN, 2)).toBeNull();
    expect(toScaledInteger('', 2)).toBeNull();
  });
});

describe('fromScaledInteger', () => {
  it('prints the exact number of decimals', () => {
    expect(fromScaledInteger(59997n, 2)).toBe('599.97');
    expect(fromScaledInteger(5n, 2)).toBe('0.05');
    expect(fromScaledInteger(0n, 2)).toBe('0.00');
  });
});

describe('lineItemsTotal', () => {
  it('computes 3 x 199.99 as exactly 599.97', () => {
    expect(lineItemsTotal([{ quantity: 3, unitPrice: '199.99' }])).toBe('599.97');
  });

  it('adds many items without the drift floats have and rounds fractional quantities half up once', () => {
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b)).not.toBe(1);
    expect(lineItemsTotal(Array.from({ length: 10 }, () => ({ quantity: 1, unitPrice: 0.1 })))).toBe('1.00');
    expect(lineItemsTotal([{ quantity: '0.333', unitPrice: '10.00' }, { quantity: '0.333', unitPrice: '10.00' }])).toBe('6.66');
    expect(lineItemsTotal([{ quantity: '0.125', unitPrice: '0.10' }])).toBe('0.01');
  });

  it('answers 0.00 for no items', () => {
    expect(lineItemsTotal([])).toBe('0.00');
  });
});
