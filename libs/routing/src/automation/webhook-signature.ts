import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-omnibox-signature';
export const TIMESTAMP_HEADER = 'x-omnibox-timestamp';
export const DELIVERY_HEADER = 'x-omnibox-delivery';
export const EVENT_HEADER = 'x-omnibox-event';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the rule's secret: the receiver recomputes it over
 * the exact bytes and the timestamp header, and refuses old timestamps to stop replays.
 */
export function webhookSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}
