import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Resolves a host name to every address it has. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export interface PublicUrlOptions {
  /**
   * The hosts the URL may point at, compared without case; `*.example.com` matches every subdomain
   * of example.com but not example.com itself. Unset: any host.
   */
  allowHosts?: readonly string[];
  /** Lets private, loopback and link-local addresses through; only tests set this. */
  allowPrivate?: boolean;
  /**
   * Hosts (names or addresses, `*.corp.example` patterns allowed) that may be on a private network: the
   * company's own systems an administrator listed on purpose. Every other private address is refused.
   */
  privateHosts?: readonly string[];
  /** Replaces DNS (node:dns), so tests resolve names without a network. */
  resolve?: HostResolver;
}

/** The URL must not be fetched: not http(s), a host outside the allow-list, or an address inside a private network. */
export class UrlNotAllowedError extends Error {
  override readonly name = 'UrlNotAllowedError';

  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${reason}: ${url}`);
  }
}

export interface CheckedUrl {
  url: URL;
  /** Every address the host resolved to, all of them checked; a connection must use one of these. */
  addresses: string[];
}

// Loopback, private, carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), documentation,
// benchmarking, multicast and reserved ranges: none of them is a provider's public server.
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

/** Whether the address belongs to a private, loopback, link-local or otherwise non-public range. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return nonPublic.check(address, 'ipv4');
  if (family !== 6) return true;
  const embedded = embeddedIpv4(address);
  if (embedded) return nonPublic.check(embedded, 'ipv4');
  return nonPublic.check(address, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(.+)$/i.exec(address);
  if (!match) return undefined;
  const tail = match[1];
  if (isIP(tail) === 4) return tail;
  const groups = tail.split(':');
  if (groups.length !== 2 || !groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const [high, low] = groups.map((group) => parseInt(group, 16));
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

export function hostMatches(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase().replace(/\.$/, '');
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}

const systemResolver: HostResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Checks that a URL is safe to fetch on a customer's behalf: http or https, no credentials, a host
 * the caller allows, and every address its name resolves to public. Answers the addresses, so the
 * caller connects to exactly what was checked rather than resolving the name a second time.
 */
export async function assertPublicHttpUrl(input: string | URL, options: PublicUrlOptions = {}): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new UrlNotAllowedError(String(input), 'Not a valid URL');
  }
  const shown = url.toString();
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UrlNotAllowedError(shown, 'Only http and https URLs are fetched');
  if (url.username || url.password) throw new UrlNotAllowedError(shown, 'URLs with credentials are not fetched');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (options.allowHosts && !hostMatches(hostname, options.allowHosts)) {
    throw new UrlNotAllowedError(shown, `The host ${hostname} is not one of the allowed hosts (${options.allowHosts.join(', ')})`);
  }
  const addresses = isIP(hostname) ? [hostname] : await resolveAll(hostname, options.resolve ?? systemResolver, shown);
  if (!options.allowPrivate && !(options.privateHosts?.length && hostMatches(hostname, options.privateHosts))) {
    const blocked = addresses.find(isNonPublicAddress);
    if (blocked) throw new UrlNotAllowedError(shown, `The host ${hostname} resolves to ${blocked}, an address inside a private network`);
  }
  return { url, addresses };
}

async function resolveAll(hostname: string, resolve: HostResolver, shown: string): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    throw new UrlNotAllowedError(shown, `The host ${hostname} cannot be resolved (${(error as { code?: string }).code ?? (error as Error).message})`);
  }
  if (addresses.length === 0) throw new UrlNotAllowedError(shown, `The host ${hostname} has no address`);
  return addresses;
}
