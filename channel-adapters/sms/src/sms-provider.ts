import type { ChannelContext, HostResolver, ParseResult, WebhookRequest } from '@channel-adapters/core';
import type { SmsChannelSettings } from './sms.settings.js';

/** One SMS to hand to the provider; a long reply becomes several of these. */
export interface SmsToSend {
  /** E.164. */
  to: string;
  text: string;
  /** Our id for this SMS: the message id, with the part number after the first part. */
  id: string;
}

/** What every provider module gets besides the request: the adapter's network options. */
export interface SmsProviderOptions {
  timeoutMs: number;
  resolveHost?: HostResolver;
  allowPrivateMedia: boolean;
}

/** One SMS gateway's wire format: how its webhooks are signed and read, and how it sends. */
export interface SmsProvider {
  verify(request: WebhookRequest, settings: SmsChannelSettings, context: ChannelContext): Promise<void>;
  parse(request: WebhookRequest, settings: SmsChannelSettings, context: ChannelContext): Promise<ParseResult>;
  /** Answers the provider's id of the sent SMS; throws ChannelError. */
  send(sms: SmsToSend, settings: SmsChannelSettings, context: ChannelContext): Promise<string>;
}

/** A form-encoded body as the provider sent it: URLSearchParams keeps repeated keys and the order. */
export function readForm(request: WebhookRequest): URLSearchParams {
  return new URLSearchParams(request.rawBody.toString('utf8'));
}

export function isJsonRequest(request: WebhookRequest): boolean {
  return /json/i.test(request.headers['content-type'] ?? '') || request.rawBody.toString('utf8').trimStart().startsWith('{');
}
