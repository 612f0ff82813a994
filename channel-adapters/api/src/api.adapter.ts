import {
  ChannelError,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  WebhookAuthError,
  WebhookPayloadError,
  degradeButtonsToText,
  deliverHttp,
  hmacSha256Hex,
  readJsonBody,
  timingSafeEqualStrings,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type OutboundMessage,
  type ParseResult,
  type SendResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { API_MAX_TEXT_LENGTH, apiWebhookSchema, toMessageEvent } from './api-webhook.schema.js';
import { readApiSettings } from './api.settings.js';

/** The header GitHub made familiar: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';
export const DELIVERY_HEADER = 'x-omnibox-delivery';
/** Unix seconds; when sent, the signature covers `${timestamp}.${body}` and an old request is refused as a replay. */
export const TIMESTAMP_HEADER = 'x-omnibox-timestamp';
/** How far a signed timestamp may be from the server's clock, either way. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

export function signatureFor(secret: string, body: string | Buffer): string {
  return `sha256=${hmacSha256Hex(secret, body)}`;
}

export interface ApiChannelAdapterOptions {
  /** How long a callback may take before the delivery counts as failed and is retried. */
  timeoutMs?: number;
}

/**
 * The stronger form an integration may use: the signature covers the timestamp too, so a request
 * captured on the way is refused once it is older than the tolerance.
 */
function verifyTimestamped(given: string, timestamp: string, secret: string, request: WebhookRequest): void {
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds)) throw new WebhookAuthError('X-Omnibox-Timestamp must be Unix time in seconds');
  const expected = `sha256=${hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${timestamp}.`), request.rawBody]))}`;
  if (!timingSafeEqualStrings(given, expected)) {
    throw new WebhookAuthError('X-Hub-Signature-256 does not match; with X-Omnibox-Timestamp, sign "<timestamp>.<body>" with the webhook secret');
  }
  if (Math.abs(request.receivedAt.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new WebhookAuthError(`X-Omnibox-Timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} seconds from the server's time: a replayed or delayed request is refused; sign it again with the current time`);
  }
}

/** The payload POSTed to the integrator's callbackUrl for every outbound message. */
export interface ApiCallbackPayload {
  messageId: string;
  conversationId: string;
  contactExternalId: string;
  text: string | null;
  attachments: Array<{ fileName: string; contentType: string; url?: string; dataBase64?: string }>;
}

/**
 * The channel for a company's own systems: they POST signed JSON messages to the inbox's webhook
 * and receive agents' replies as signed JSON on their callbackUrl.
 */
export class ApiChannelAdapter implements ChannelAdapter {
  readonly type = 'api' as const;

  readonly capabilities: ChannelCapabilities = {
    maxTextLength: API_MAX_TEXT_LENGTH,
    buttons: false,
    media: ['image', 'video', 'audio', 'file'],
    edits: false,
    replies: false,
    typing: false,
  };

  private readonly timeoutMs: number;

  constructor(options: ApiChannelAdapterOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  }

  async verify(request: WebhookRequest, context: ChannelContext): Promise<void> {
    const { webhookSecret } = readApiSettings(context.settings);
    // Without a secret nothing can be verified: refuse rather than accept unsigned messages.
    if (!webhookSecret) throw new WebhookAuthError('This inbox has no webhookSecret; set one in the inbox settings');
    const given = request.headers[SIGNATURE_HEADER]?.trim().toLowerCase();
    if (!given) throw new WebhookAuthError('Missing X-Hub-Signature-256 header; sign the raw body with HMAC-SHA256 and the webhook secret');
    const timestamp = request.headers[TIMESTAMP_HEADER]?.trim();
    if (timestamp !== undefined) return verifyTimestamped(given, timestamp, webhookSecret, request);
    if (!timingSafeEqualStrings(given, signatureFor(webhookSecret, request.rawBody))) {
      throw new WebhookAuthError('X-Hub-Signature-256 does not match the body; sign the exact bytes sent with the webhook secret');
    }
  }

  async parse(request: WebhookRequest, _context: ChannelContext): Promise<ParseResult> {
    const result = apiWebhookSchema.safeParse(readJsonBody(request));
    if (!result.success) throw WebhookPayloadError.fromIssues('The message is invalid', result.error.issues);
    return { events: [toMessageEvent(result.data)] };
  }

  async send(message: OutboundMessage, context: ChannelContext): Promise<SendResult> {
    const { webhookSecret, callbackUrl } = readApiSettings(context.settings);
    if (!callbackUrl) throw ChannelError.permanent('This inbox has no callback URL; set settings.callbackUrl to receive replies');
    if (!webhookSecret) throw ChannelError.permanent('This inbox has no webhookSecret to sign callbacks; set settings.webhookSecret');
    // Signed and sent as the same bytes, so the receiver can verify exactly what it got.
    const body = Buffer.from(JSON.stringify(callbackPayload(message)), 'utf8');
    const response = await deliverHttp({
      target: 'The callback URL',
      url: callbackUrl,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: signatureFor(webhookSecret, body),
        [DELIVERY_HEADER]: message.messageId,
      },
      body,
      timeoutMs: this.timeoutMs,
      fetch: context.fetch,
    });
    return { externalId: (await externalIdFrom(response)) ?? message.messageId };
  }
}

function callbackPayload(message: OutboundMessage): ApiCallbackPayload {
  const text = message.buttons?.length ? degradeButtonsToText(message.text, message.buttons) : message.text;
  return {
    messageId: message.messageId,
    conversationId: message.conversationId,
    contactExternalId: message.contact.externalId,
    text: text || null,
    attachments: (message.attachments ?? []).map((attachment) => ({
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      url: attachment.url,
      dataBase64: attachment.data?.toString('base64'),
    })),
  };
}

/** The integrator may answer with its own id for the message; any other answer is fine too. */
async function externalIdFrom(response: Response): Promise<string | undefined> {
  const answer = await response.json().catch(() => undefined);
  if (typeof answer !== 'object' || answer === null) return undefined;
  for (const key of ['id', 'externalId'] as const) {
    const value = (answer as Record<string, unknown>)[key];
    if ((typeof value === 'string' && value.trim()) || typeof value === 'number') return String(value);
  }
  return undefined;
}
