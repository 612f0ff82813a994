import { describe, expect, it } from 'vitest';
import { DocumentLinks } from './document-links.js';

const ID = '0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b';

describe('DocumentLinks', () => {
  it('accepts its own token until it expires', () => {
    let now = Date.UTC(2026, 0, 1);
    const links = new DocumentLinks('secret-0123456789abcdef0123456789abcdef', () => now);
    const token = links.token(ID);
    expect(links.verify(token)).toBe(ID);
    now += 8 * 24 * 3600 * 1000;
    expect(links.verify(token)).toBeUndefined();
  });

  it('refuses a token signed with another secret or pointing at another document', () => {
    const links = new DocumentLinks('secret-0123456789abcdef0123456789abcdef');
    const token = new DocumentLinks('other-secret-0123456789abcdef012345678').token(ID);
    expect(links.verify(token)).toBeUndefined();
    const own = links.token(ID);
    expect(links.verify(own.replace(ID, ID.replace(/6b$/, '6c')))).toBeUndefined();
    expect(links.verify('not-a-token')).toBeUndefined();
  });
});
