import { describe, expect, it } from 'vitest';
import { countSmsSegments, smsCapacity, splitSms } from './sms-segments.js';

describe('countSmsSegments', () => {
  it('counts GSM-7 texts in septets: 160 in one SMS, 153 per concatenated part', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2);
  });

  it('counts extension characters such as € and [ as two septets', () => {
    expect(countSmsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('[1]'.repeat(40)).units).toBe(200);
  });

  it('switches to UCS-2 for Cyrillic and emoji: 70 in one SMS, 67 per part, emoji take two units', () => {
    expect(countSmsSegments('я'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSmsSegments('я'.repeat(71)).segments).toBe(2);
    expect(countSmsSegments('ok 👍')).toEqual({ encoding: 'UCS-2', units: 5, segments: 1 });
  });
});

describe('splitSms', () => {
  it('keeps a text within the part limit whole', () => {
    expect(splitSms('Привет, как дела?', 6)).toEqual(['Привет, как дела?']);
    expect(splitSms('   ', 6)).toEqual([]);
  });

  it('cuts long Cyrillic text between words into messages of at most 6 × 67 units', () => {
    const text = 'Доставка завтра с 10 до 14 часов. '.repeat(30).trim();
    const parts = splitSms(text, 6);
    expect(parts.length).toBe(3);
    for (const part of parts) expect(countSmsSegments(part).segments).toBeLessThanOrEqual(6);
    expect(parts.join(' ')).toBe(text);
  });

  it('re-cuts GSM-7 text whose extension characters make a piece too long', () => {
    const text = '{x} '.repeat(300).trim();
    const parts = splitSms(text, 1);
    for (const part of parts) expect(countSmsSegments(part).segments).toBe(1);
    expect(parts.join(' ')).toBe(text);
  });

  it('never cuts an emoji in half', () => {
    const parts = splitSms('😀'.repeat(300), 1);
    for (const part of parts) expect(part).toMatch(/^(😀)+$/);
  });

  it('knows the capacity of one message', () => {
    expect(smsCapacity('UCS-2', 6)).toBe(402);
    expect(smsCapacity('GSM-7', 6)).toBe(918);
    expect(smsCapacity('GSM-7', 1)).toBe(160);
  });
});
