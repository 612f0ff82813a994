import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, timingSafeEqualStrings } from './signature.util.js';

describe('hmacSha256Hex', () => {
  it('computes the HMAC over the UTF-8 bytes when given Cyrillic text', () => {
    const text = 'Привет, мир';
    expect(hmacSha256Hex('secret', text)).toBe(createHmac('sha256', 'secret').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(hmacSha256Hex('secret', Buffer.from(text, 'utf8'))).toBe(hmacSha256Hex('secret', text));
  });
});

describe('timingSafeEqualStrings', () => {
  it('says equal only when the strings are the same', () => {
    expect(timingSafeEqualStrings('sha256=abc', 'sha256=abc')).toBe(true);
    expect(timingSafeEqualStrings('sha256=abc', 'sha256=abd')).toBe(false);
  });

  it('answers false instead of throwing when the lengths differ', () => {
    expect(timingSafeEqualStrings('short', 'a much longer value')).toBe(false);
    expect(timingSafeEqualStrings('', 'x')).toBe(false);
  });
});
