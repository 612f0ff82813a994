import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.util.js';

describe('toE164', () => {
  it('normalizes the ways Russian numbers are written to E.164', () => {
    for (const value of ['79123456789', '89123456789', '+7 (912) 345-67-89', ' 8 912 345 67 89 ']) expect(toE164(value)).toBe('+79123456789');
  });

  it('reads an international number written without its plus', () => {
    expect(toE164('14155550100')).toBe('+14155550100');
    expect(toE164('+44 20 7946 0958', 'US')).toBe('+442079460958');
  });

  it('uses the region for national numbers', () => {
    expect(toE164('(415) 555-0100', 'us')).toBe('+14155550100');
  });

  it('answers undefined for senders that are not phone numbers', () => {
    for (const value of ['MegaFon', '', '101', 'anonymous', undefined, null]) expect(toE164(value)).toBeUndefined();
  });
});
