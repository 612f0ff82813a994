import type { WebhookRequest } from '../channel-adapter.js';

export interface WebhookRequestInit {
  /** Serialized as JSON into rawBody unless rawBody is given. */
  body?: unknown;
  /** The exact bytes; body is then parsed from them when they are JSON. */
  rawBody?: Buffer | string;
  /** Any case; stored in lower case as the server does. */
  headers?: Record<string, string>;
  method?: string;
  query?: Record<string, string>;
  receivedAt?: Date;
}

/** Builds a WebhookRequest the way the server does for a real HTTP call. */
export function webhookRequest(init: WebhookRequestInit): WebhookRequest {
  const rawBody = init.rawBody === undefined ? Buffer.from(init.body === undefined ? '' : JSON.stringify(init.body), 'utf8') : Buffer.from(init.rawBody);
  return {
    method: init.method ?? 'POST',
    headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    query: init.query ?? {},
    rawBody,
    body: init.body !== undefined ? init.body : parseJsonOrUndefined(rawBody),
    receivedAt: init.receivedAt ?? new Date(),
  };
}

function parseJsonOrUndefined(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
