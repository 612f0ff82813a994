import { createHash, createHmac } from 'node:crypto';

/** Zadarma signs with PHP's base64_encode(hash_hmac('sha1', …)): the base64 of the lower-case hex digest. */
export function zadarmaHmac(secret: string, data: string): string {
  return Buffer.from(createHmac('sha1', secret).update(data, 'utf8').digest('hex'), 'utf8').toString('base64');
}

/** The notification fields each event signs, in order (Zadarma's user-api-v1 Webhook classes). */
const SIGNED_FIELDS: Record<string, readonly string[]> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
};

/** The string an event's Signature covers; undefined for an event this product does not handle. */
export function zadarmaSignedString(form: URLSearchParams): string | undefined {
  const fields = SIGNED_FIELDS[form.get('event') ?? ''];
  return fields?.map((field) => form.get(field) ?? '').join('');
}

/**
 * The Authorization header of Zadarma's REST API: `<user key>:<signature>`, the signature being the
 * HMAC-SHA1 of method + sorted query + md5(sorted query), hex, then base64.
 */
export function zadarmaApiAuthorization(apiKey: string, secret: string, method: string, params: Record<string, string>): string {
  const query = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toString();
  const md5 = createHash('md5').update(query).digest('hex');
  return `${apiKey}:${zadarmaHmac(secret, method + query + md5)}`;
}
