import { createHmac } from 'node:crypto';

/**
 * Twilio's request signature: the full URL Twilio called, followed by every POST parameter name and
 * value sorted by name (case-sensitive), HMAC-SHA1 with the account's auth token, in base64.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  let data = url;
  for (const key of [...new Set(params.keys())].sort()) {
    for (const value of params.getAll(key).sort()) data += key + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Twilio may sign the URL with or without the default port, so both spellings are accepted. */
export function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/:?#]+)(?::(\d+))?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, host, port, rest] = match;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  if (port && port !== defaultPort) return [url];
  return [`${scheme}://${host}${rest}`, `${scheme}://${host}:${defaultPort}${rest}`];
}
