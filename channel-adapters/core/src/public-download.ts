import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { DownloadedFile } from './channel-adapter.js';
import { AttachmentTooLargeError, ChannelError } from './channel-errors.js';
import { DEFAULT_DELIVERY_TIMEOUT_MS, DEFAULT_RETRY_AFTER_MS, parseRetryAfterMs } from './http-delivery.js';
import { assertPublicHttpUrl, type CheckedUrl, type PublicUrlOptions } from './public-url.js';

export interface PublicDownloadOptions extends PublicUrlOptions {
  maxBytes: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Each hop is checked like the first one; 3 by default. */
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a file from a URL that came from outside (a provider's webhook, a stored record) without
 * letting it reach the server's own network: every hop is checked with assertPublicHttpUrl and the
 * connection goes to the checked addresses only, so a DNS answer that changes between the check and
 * the connection cannot redirect it. Credentials in `headers` are dropped when a redirect leaves the host.
 * Throws UrlNotAllowedError, AttachmentTooLargeError, or ChannelError for an HTTP or network failure.
 */
export async function downloadPublicFile(url: string, options: PublicDownloadOptions): Promise<DownloadedFile> {
  let current = url;
  let headers = options.headers ?? {};
  const maxRedirects = options.maxRedirects ?? 3;
  for (let hop = 0; ; hop++) {
    const checked = await assertPublicHttpUrl(current, options);
    const response = await get(checked, headers, options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status) && response.headers.location) {
      response.resume();
      if (hop >= maxRedirects) throw ChannelError.permanent(`${hostOf(current)} redirected more than ${maxRedirects} times`);
      const next = new URL(response.headers.location, current);
      if (next.host !== checked.url.host) headers = {};
      current = next.toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw errorForStatus(hostOf(current), status, response.headers['retry-after']);
    }
    return {
      data: await readBody(response, options.maxBytes),
      contentType: response.headers['content-type']?.split(';')[0].trim() || undefined,
      fileName: fileNameOf(response.headers['content-disposition'], checked.url),
    };
  }
}

function get(checked: CheckedUrl, headers: Record<string, string>, timeoutMs: number): Promise<IncomingMessage> {
  const send = checked.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(checked.url, { method: 'GET', headers, lookup: pinnedLookup(checked.addresses), signal: AbortSignal.timeout(timeoutMs) }, resolve);
    request.on('error', (error) => reject(networkError(hostOf(checked.url.toString()), error)));
    request.end();
  });
}

/** Answers the already checked addresses instead of asking DNS again. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  }) as LookupFunction;
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(new AttachmentTooLargeError(maxBytes, declared));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        reject(new AttachmentTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', (error) => reject(ChannelError.retryable(`The download was interrupted (${error.message})`, { cause: error })));
  });
}

function errorForStatus(host: string, status: number, retryAfter: string | undefined): ChannelError {
  const reason = `${host} answered ${status}`;
  if (status === 429) return ChannelError.rateLimited(reason, parseRetryAfterMs(retryAfter) ?? DEFAULT_RETRY_AFTER_MS);
  if (status === 408 || status >= 500) return ChannelError.retryable(reason);
  return ChannelError.permanent(reason);
}

function networkError(host: string, error: Error): ChannelError {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return ChannelError.retryable(`${host} did not answer in time`, { cause: error });
  const code = (error as { code?: string }).code;
  return ChannelError.retryable(`${host} could not be reached (${code ?? error.message})`, { cause: error });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function fileNameOf(disposition: string | undefined, url: URL): string | undefined {
  const quoted = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const raw = quoted || url.pathname.split('/').filter(Boolean).pop();
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
