import {
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  deliverHttp,
  hmacSha256Hex,
  readJsonBody,
  timingSafeEqualStrings,
  toE164,
  type ChannelContext,
  type DeliveryStatus,
  type InboundEvent,
  type ParseResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import type { SmsProvider, SmsProviderOptions, SmsToSend } from '../sms-provider.js';
import type { SmsChannelSettings } from '../sms.settings.js';

export const signatureOf = (secret: string, body: string | Buffer) => `sha256=${hmacSha256Hex(secret, body)}`;

/** Reads a dotted path ("message.from.phone", "items.0.id") out of a parsed JSON body. */
export function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/** Fills {{to}}, {{from}}, {{text}} and {{messageId}} in every string of a JSON template, at any depth. */
export function fillTemplate(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string') return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, values));
  if (typeof template === 'object' && template !== null) {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillTemplate(value, values)]));
  }
  return template;
}

/** Checks `sha256=<hex HMAC-SHA256 of the raw body>` (or the bare hex) in the configured header. */
export function verifyBodySignature(request: WebhookRequest, settings: SmsChannelSettings): void {
  if (!settings.webhookSecret) throw new WebhookAuthError('This inbox has no webhookSecret; rotate the inbox secret to get one');
  const header = settings.signatureHeader;
  const given = request.headers[header]?.trim().toLowerCase();
  if (!given) throw new WebhookAuthError(`Missing ${header} header; sign the raw body with HMAC-SHA256 and the inbox's webhook secret`);
  const expected = signatureOf(settings.webhookSecret, request.rawBody);
  if (!timingSafeEqualStrings(given.startsWith('sha256=') ? given : `sha256=${given}`, expected)) {
    throw new WebhookAuthError(`${header} does not match the body; sign the exact bytes sent with the inbox's webhook secret`);
  }
}

const STATUS_WORDS: Record<string, DeliveryStatus> = { delivered: 'delivered', read: 'read', failed: 'failed', undelivered: 'failed', rejected: 'failed', expired: 'failed' };

/** An inbound SMS or a delivery report in the inbox's own JSON layout (settings.inbound names the fields). */
export function parseMappedJson(request: WebhookRequest, settings: SmsChannelSettings): ParseResult {
  const body = readJsonBody(request);
  const fields = settings.inbound;
  const id = asText(valueAt(body, fields.id))?.trim();
  const statusWord = fields.status ? asText(valueAt(body, fields.status))?.trim().toLowerCase() : undefined;
  if (statusWord !== undefined) {
    if (!id) throw new WebhookPayloadError('The delivery report is invalid', [{ field: fields.id, message: 'the provider message id is required' }]);
    const status = STATUS_WORDS[statusWord];
    return { events: status ? [{ kind: 'status', externalId: id, status, error: status === 'failed' ? `The gateway reported ${statusWord}` : undefined }] : [] };
  }
  const from = asText(valueAt(body, fields.from))?.trim();
  const text = asText(valueAt(body, fields.text));
  const issues = [
    ...(id ? [] : [{ field: fields.id, message: 'the message id is required' }]),
    ...(from ? [] : [{ field: fields.from, message: "the sender's number is required" }]),
    ...(text?.trim() ? [] : [{ field: fields.text, message: 'the text is required' }]),
  ];
  if (issues.length) throw new WebhookPayloadError('The SMS is invalid', issues);
  const phone = toE164(from, settings.defaultRegion);
  const to = fields.to ? asText(valueAt(body, fields.to)) : undefined;
  const event: InboundEvent = {
    kind: 'message',
    externalId: id!,
    contact: { externalId: phone ?? from!, phone },
    text,
    attributes: to ? { to: toE164(to, settings.defaultRegion) ?? to } : undefined,
    raw: body,
  };
  return { events: [event] };
}

/** Any HTTP gateway: inbound JSON mapped by settings.inbound, outbound JSON from settings.sendTemplate, both signed. */
export class GenericSmsProvider implements SmsProvider {
  constructor(private readonly options: SmsProviderOptions) {}

  async verify(request: WebhookRequest, settings: SmsChannelSettings): Promise<void> {
    verifyBodySignature(request, settings);
  }

  async parse(request: WebhookRequest, settings: SmsChannelSettings): Promise<ParseResult> {
    return parseMappedJson(request, settings);
  }

  async send(sms: SmsToSend, settings: SmsChannelSettings, context: ChannelContext): Promise<string> {
    if (!settings.sendUrl) throw ChannelError.permanent('This inbox has no sendUrl; set settings.sendUrl to the gateway address that sends SMS');
    if (!settings.webhookSecret) throw ChannelError.permanent('This inbox has no webhookSecret to sign requests; rotate the inbox secret');
    const values = { to: sms.to, from: settings.from ?? '', text: sms.text, messageId: sms.id };
    const body = Buffer.from(JSON.stringify(fillTemplate(settings.sendTemplate, values)), 'utf8');
    const response = await deliverHttp({
      target: 'The SMS gateway',
      url: settings.sendUrl,
      headers: { 'content-type': 'application/json; charset=utf-8', [settings.signatureHeader]: signatureOf(settings.webhookSecret, body) },
      body,
      timeoutMs: this.options.timeoutMs,
      fetch: context.fetch,
    });
    const answer = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    for (const key of ['id', 'messageId', 'externalId']) {
      const id = asText(answer?.[key])?.trim();
      if (id) return id;
    }
    return sms.id;
  }
}
