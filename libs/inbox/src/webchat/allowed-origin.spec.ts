import { describe, expect, it } from 'vitest';
import { isOriginAllowed, normalizeOrigin, requestOrigin } from './allowed-origin.js';

describe('requestOrigin', () => {
  it('takes the Origin header', () => {
    expect(requestOrigin({ origin: 'https://shop.example.com', referer: 'https://other.example.com/page' })).toBe('https://shop.example.com');
  });

  it('falls back to the origin of the Referer when the browser sent no Origin', () => {
    expect(requestOrigin({ referer: 'https://shop.example.com/catalog?x=1#top' })).toBe('https://shop.example.com');
    expect(requestOrigin({ origin: 'null', referer: 'http://localhost:3000/demo' })).toBe('http://localhost:3000');
  });

  it('answers null without either header or for something that is no web origin', () => {
    expect(requestOrigin({})).toBeNull();
    expect(requestOrigin({ origin: 'file:///tmp/page.html' })).toBeNull();
    expect(requestOrigin({ origin: 'not a url' })).toBeNull();
  });
});

describe('normalizeOrigin', () => {
  it('spells the origin as browsers do: lower-case host, no default port, no path', () => {
    expect(normalizeOrigin('HTTPS://Shop.Example.COM:443/path')).toBe('https://shop.example.com');
    expect(normalizeOrigin('http://localhost:3000')).toBe('http://localhost:3000');
  });
});

describe('isOriginAllowed', () => {
  const allowed = ['https://shop.example.com', 'http://localhost:3000'];

  it('allows an origin that is listed', () => {
    expect(isOriginAllowed('https://shop.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('http://localhost:3000', allowed)).toBe(true);
  });

  it('refuses another scheme, port or sub-domain of a listed origin', () => {
    expect(isOriginAllowed('http://shop.example.com', allowed)).toBe(false);
    expect(isOriginAllowed('http://localhost:3001', allowed)).toBe(false);
    expect(isOriginAllowed('https://evil.shop.example.com', allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com.evil.net', allowed)).toBe(false);
  });

  it('matches a listed origin written with capitals or its default port', () => {
    expect(isOriginAllowed('https://shop.example.com', ['https://SHOP.example.com:443'])).toBe(true);
  });

  it('refuses a missing origin and everything when nothing is listed', () => {
    expect(isOriginAllowed(null, allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com', [])).toBe(false);
  });
});
