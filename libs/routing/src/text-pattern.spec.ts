import { describe, expect, it } from 'vitest';
import { compileSafeRegex, compileTextPattern, UnsafePatternError } from './text-pattern.js';

describe('compileTextPattern', () => {
  it('finds plain text anywhere, ignoring case and ё/е, when the pattern has no slashes', () => {
    const pattern = compileTextPattern('Ёлки-Палки');
    expect(pattern.test('купите ЕЛКИ-палки дёшево')).toBe(true);
    expect(pattern.test('купите ёлки')).toBe(false);
    expect(pattern.test(null)).toBe(false);
  });

  it('matches a regular expression between slashes, ignoring case', () => {
    const pattern = compileTextPattern('/casino|казино\\s*\\d+/');
    expect(pattern.test('Лучшее КАЗИНО 777')).toBe(true);
    expect(pattern.test('обычный вопрос')).toBe(false);
  });
});

describe('compileSafeRegex', () => {
  it('refuses patterns that backtrack exponentially when they repeat a repeating group', () => {
    for (const source of ['(a+)+$', '(a|aa)*b', '(\\w+\\s?)*$', '(x{2,})+']) expect(() => compileSafeRegex(source), source).toThrow(UnsafePatternError);
  });

  it('refuses back-references, overlong patterns, too many unbounded repetitions and invalid syntax', () => {
    expect(() => compileSafeRegex('(a)\\1')).toThrow(UnsafePatternError);
    expect(() => compileSafeRegex('a'.repeat(201))).toThrow(UnsafePatternError);
    expect(() => compileSafeRegex('a*b*c*d*e*')).toThrow(UnsafePatternError);
    expect(() => compileSafeRegex('([a-z')).toThrow(UnsafePatternError);
  });

  it('accepts ordinary patterns, a repeated group without inner repetition among them', () => {
    expect(compileSafeRegex('заказ\\s*№?\\s*\\d+').test('Заказ № 4521')).toBe(true);
    expect(compileSafeRegex('(ab)+c').test('ababc')).toBe(true);
    expect(compileSafeRegex('\\+7\\d{10}').test('+79120001122')).toBe(true);
  });
});
