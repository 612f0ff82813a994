import { describe, expect, it } from 'vitest';
import { AttachmentUrls } from './attachment-urls.js';

const id = '01900000-0000-7000-8000-0000000000f1';
const other = '01900000-0000-7000-8000-0000000000f2';

function linkParts(path: string) {
  const url = new URL(path, 'http://x');
  return { pathname: url.pathname, exp: Number(url.searchParams.get('exp')), sig: url.searchParams.get('sig')! };
}

describe('AttachmentUrls', () => {
  let now = Date.parse('2025-03-01T12:03:00Z');
  const urls = new AttachmentUrls('attachment-urls-spec-secret-0123456789', () => now);

  it('signs a link to the attachment that verifies for at least an hour and at most 70 minutes', () => {
    const { pathname, exp, sig } = linkParts(urls.signedPath(id));
    expect(pathname).toBe(`/api/attachments/${id}`);
    expect(exp * 1000 - now).toBeGreaterThanOrEqual(60 * 60_000);
    expect(exp * 1000 - now).toBeLessThanOrEqual(70 * 60_000);
    expect(urls.verify(id, exp, sig)).toBe(true);
  });

  it('refuses the signature for another attachment, another expiry, another secret, or after expiry', () => {
    const { exp, sig } = linkParts(urls.signedPath(id));
    expect(urls.verify(other, exp, sig)).toBe(false);
    expect(urls.verify(id, exp + 600, sig)).toBe(false);
    expect(new AttachmentUrls('another-secret-0123456789abcdef0123', () => now).verify(id, exp, sig)).toBe(false);
    now = exp * 1000 + 1;
    expect(urls.verify(id, exp, sig)).toBe(false);
  });

  it('links a stored file signed and an external file by its own URL', () => {
    expect(urls.urlOf({ id, storageKey: id, externalUrl: null })).toMatch(new RegExp(`^/api/attachments/${id}\\?exp=\\d+&sig=`));
    expect(urls.urlOf({ id, storageKey: null, externalUrl: 'https://files.example.ru/a.pdf' })).toBe('https://files.example.ru/a.pdf');
  });
});
