import { describe, expect, it } from 'vitest';
import { DomainException, ErrorCode } from '@app/common';
import { normalizePhone, normalizePhones, tryNormalizePhone } from './phone.util.js';

describe('normalizePhone', () => {
  it.each(['8 912 345-67-89', '+7 (912) 345-67-89', '89123456789', '9123456789', '+79123456789', ' 8(912)3456789 '])(
    'normalises the Russian number "%s" to +79123456789 when the default region is RU',
    (input) => {
      expect(normalizePhone(input, 'RU')).toBe('+79123456789');
    },
  );

  it('normalises a Kazakh mobile number (+7 7xx) and recognises it without the plus', () => {
    expect(normalizePhone('+7 701 234 5678', 'RU')).toBe('+77012345678');
    expect(normalizePhone('8 701 234 56 78', 'KZ')).toBe('+77012345678');
    expect(normalizePhone('7012345678', 'KZ')).toBe('+77012345678');
  });

  it('keeps a foreign number written with its country code whatever the default region is', () => {
    expect(normalizePhone('+44 20 7946 0958', 'RU')).toBe('+442079460958');
    expect(normalizePhone('+44 (0)20 7946 0958', 'KZ')).toBe('+442079460958');
  });

  it('reads a national UK number when the default region is GB', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it.each(['garbage', '', '123', '+7 000 000 00 00', '8 912 345', '020 7946 0958', '+999 123 456 789'])(
    'answers 400 invalid_phone naming the value when the input is "%s"',
    (input) => {
      let thrown: unknown;
      try {
        normalizePhone(input, 'RU');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainException);
      expect((thrown as DomainException).code).toBe(ErrorCode.InvalidPhone);
      expect((thrown as DomainException).options.params).toEqual({ value: input });
    },
  );
});

describe('tryNormalizePhone', () => {
  it('answers null instead of throwing when the number is not valid', () => {
    expect(tryNormalizePhone('not a phone', 'RU')).toBeNull();
    expect(tryNormalizePhone('8 912 345-67-89', 'RU')).toBe('+79123456789');
  });
});

describe('normalizePhones', () => {
  it('drops numbers that are the same once normalised, keeping the first order', () => {
    expect(normalizePhones(['8 912 345-67-89', '+44 20 7946 0958', '+7 (912) 345-67-89'], 'RU')).toEqual(['+79123456789', '+442079460958']);
  });
});
