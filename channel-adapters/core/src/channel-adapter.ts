import type { InboundEvent, OutboundMessage, SendResult } from './channel-events.js';

export const channelTypes = ['telegram', 'vk', 'email', 'sms', 'webchat', 'telephony', 'api'] as const;

export type ChannelType = (typeof channelTypes)[number];

export type ChannelMediaKind = 'image' | 'video' | 'audio' | 'file';

/** One webhook call as the server received it, before any adapter has looked at it. */
export interface WebhookRequest {
  method: string;
  /** Header names in lower case, as Node reports them. */
  headers: Record<string, string | undefined>;
  query: Record<string, string>;
  /** The exact bytes received: signatures are computed over these, never over re-serialized JSON. */
  rawBody: Buffer;
  /** The body parsed as JSON or as a form, when the server could parse it. */
  body: unknown;
  receivedAt: Date;
}

/** The inbox an adapter is working for. */
export interface ChannelContext {
  inboxId: string;
  /** The inbox's settings with secrets already decrypted. */
  settings: Record<string, unknown>;
  /** Where this server is reachable from the internet, for channels that register webhooks. */
  publicUrl?: string;
  /** Replaces the global fetch, so tests can observe or fail outgoing calls. */
  fetch?: typeof fetch;
}

/** What the channel can carry, so the core degrades a message before sending it (buttons as numbered text on SMS). */
export interface ChannelCapabilities {
  /** In UTF-16 code units, as JavaScript counts string length. */
  maxTextLength: number;
  buttons: boolean;
  media: ChannelMediaKind[];
  edits: boolean;
  replies: boolean;
  typing: boolean;
}

export interface ParseResult {
  events: InboundEvent[];
  /** The answer the channel expects instead of the server's default one (VK wants the text "ok"). */
  reply?: { status: number; contentType?: string; body: string };
}

/** The contract every channel implements; the server and the worker know channels only through it. */
export interface ChannelAdapter {
  readonly type: ChannelType;
  readonly capabilities: ChannelCapabilities;
  /** Checks the webhook's signature or secret; throws WebhookAuthError when it does not hold. */
  verify(request: WebhookRequest, context: ChannelContext): Promise<void>;
  /** Turns a verified webhook into normalized events; throws WebhookPayloadError for a malformed payload. */
  parse(request: WebhookRequest, context: ChannelContext): Promise<ParseResult>;
  /** Delivers one message; throws ChannelError, whose kind tells the worker whether and when to retry. */
  send(message: OutboundMessage, context: ChannelContext): Promise<SendResult>;
}
