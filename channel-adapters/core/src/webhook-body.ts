import { WebhookPayloadError } from './channel-errors.js';
import type { WebhookRequest } from './channel-adapter.js';

/**
 * Parses the raw bytes as JSON rather than trusting request.body, so an adapter reads exactly what
 * the signature covered.
 */
export function readJsonBody(request: WebhookRequest): unknown {
  const text = request.rawBody.toString('utf8');
  if (!text.trim()) throw new WebhookPayloadError('The body is empty; send a JSON object');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WebhookPayloadError(`The body is not valid JSON (${(error as Error).message}); send a JSON object`);
  }
}
