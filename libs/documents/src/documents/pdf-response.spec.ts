import { describe, expect, it } from 'vitest';
import { contentDisposition } from './pdf-response.js';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the RFC 5987 UTF-8 name for a Cyrillic file name', () => {
    expect(contentDisposition('attachment', 'Счёт № 1 (копия).pdf')).toBe(
      `attachment; filename="____ _ 1 (_____).pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%96%201%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29.pdf`,
    );
  });

  it('keeps quotes and backslashes out of the quoted name', () => {
    expect(contentDisposition('inline', 'a"b\\c.pdf')).toMatch(/^inline; filename="a_b_c.pdf"; filename\*=UTF-8''a%22b%5Cc.pdf$/);
  });
});
