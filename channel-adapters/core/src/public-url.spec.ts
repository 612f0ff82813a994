import { describe, expect, it } from 'vitest';
import { caughtError } from './testing/adapter-contract.js';
import { UrlNotAllowedError, assertPublicHttpUrl, hostMatches, isNonPublicAddress, type HostResolver } from './public-url.js';

/** A DNS that knows a few names, so no test depends on the network. */
const dns: HostResolver = async (hostname) => {
  const table: Record<string, string[]> = {
    'api.twilio.com': ['54.172.60.1'],
    'media.twiliocdn.com': ['2600:1f18:6a1:aa00::10'],
    'rebind.example.com': ['93.184.216.34', '10.0.0.7'],
    'metadata.example.com': ['169.254.169.254'],
    'intranet.example.com': ['fd12:3456::1'],
  };
  if (table[hostname]) return table[hostname];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

async function refusal(url: string, options: Parameters<typeof assertPublicHttpUrl>[1] = {}) {
  const error = await caughtError(assertPublicHttpUrl(url, { resolve: dns, ...options }));
  expect(error).toBeInstanceOf(UrlNotAllowedError);
  return (error as UrlNotAllowedError).reason;
}

describe('isNonPublicAddress', () => {
  it('refuses loopback, private, link-local and reserved IPv4 addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255']) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
  });

  it('refuses loopback, unique-local, link-local and IPv4-mapped private IPv6 addresses', () => {
    for (const address of ['::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1', '64:ff9b::a9fe:a9fe']) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses of both families through', () => {
    for (const address of ['54.172.60.1', '8.8.8.8', '2600:1f18:6a1:aa00::10', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });
});

describe('assertPublicHttpUrl', () => {
  it('answers the URL and the checked addresses when the host is public', async () => {
    const checked = await assertPublicHttpUrl('https://api.twilio.com/2010-04-01/Media/ME1', { resolve: dns });
    expect(checked.url.hostname).toBe('api.twilio.com');
    expect(checked.addresses).toEqual(['54.172.60.1']);
  });

  it('refuses loopback, 10.x, link-local and ::1 addresses, written as IPs or behind names', async () => {
    expect(await refusal('http://127.0.0.1:8080/x')).toContain('127.0.0.1');
    expect(await refusal('http://10.0.0.5/rec.mp3')).toContain('private network');
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toContain('169.254.169.254');
    expect(await refusal('http://[::1]/x')).toContain('::1');
    expect(await refusal('http://metadata.example.com/')).toContain('169.254.169.254');
    expect(await refusal('http://intranet.example.com/')).toContain('fd12:3456::1');
  });

  it('refuses a name when any one of its addresses is private', async () => {
    expect(await refusal('https://rebind.example.com/a.jpg')).toContain('10.0.0.7');
  });

  it('refuses numeric spellings of loopback that URL parsing turns into 127.0.0.1', async () => {
    expect(await refusal('http://2130706433/')).toContain('127.0.0.1');
    expect(await refusal('http://0x7f.1/')).toContain('127.0.0.1');
  });

  it('refuses other schemes, credentials in the URL and names that do not resolve', async () => {
    expect(await refusal('file:///etc/passwd')).toContain('http');
    expect(await refusal('ftp://api.twilio.com/x')).toContain('http');
    expect(await refusal('https://user:pass@api.twilio.com/x')).toContain('credentials');
    expect(await refusal('https://nowhere.invalid/x')).toContain('ENOTFOUND');
    expect(await refusal('not a url')).toContain('Not a valid URL');
  });

  it('honours the allow-list, with wildcards for subdomains only', async () => {
    const allowHosts = ['api.twilio.com', '*.twiliocdn.com'];
    await expect(assertPublicHttpUrl('https://api.twilio.com/x', { resolve: dns, allowHosts })).resolves.toBeDefined();
    await expect(assertPublicHttpUrl('https://media.twiliocdn.com/x', { resolve: dns, allowHosts })).resolves.toBeDefined();
    expect(await refusal('https://twiliocdn.com/x', { allowHosts })).toContain('not one of the allowed hosts');
    expect(await refusal('https://evil.example.com/x', { allowHosts })).toContain('evil.example.com');
  });

  it('lets a private address through only when allowPrivate is set', async () => {
    await expect(assertPublicHttpUrl('http://127.0.0.1:9/x', { allowPrivate: true })).resolves.toMatchObject({ addresses: ['127.0.0.1'] });
  });
});

describe('hostMatches', () => {
  it('compares without case or a trailing dot', () => {
    expect(hostMatches('API.Twilio.com.', ['api.twilio.com'])).toBe(true);
    expect(hostMatches('x.api.twilio.com', ['api.twilio.com'])).toBe(false);
  });
});
