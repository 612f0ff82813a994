import type { InboundAttachment, InboundEvent, OutboundMessage, SendResult } from './channel-events.js';

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
  /** `${PUBLIC_URL}/webhooks/<inboxId>`: the URL the channel calls, which some channels sign (Twilio); absent without PUBLIC_URL. */
  webhookUrl?: string;
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
  /** False for a channel that never receives webhooks (the web-chat widget uses Socket.IO); its webhook URL answers 404. */
  webhooks?: boolean;
}

/** The context of connect; its webhookUrl is where a channel that registers webhooks should deliver updates. */
export type ConnectContext = ChannelContext;

export interface ConnectResult {
  /** Settings the connection learnt or generated (the bot's name, a webhook secret); stored with the inbox. */
  settings?: Record<string, unknown>;
}

export interface PollResult {
  events: InboundEvent[];
  /** Where the next poll continues; stored after the events are ingested, so a restart neither loses nor repeats them. JSON only. */
  cursor: unknown;
  /** How far a catch-up (a mailbox's first sync) has come; absent when there is nothing to catch up. */
  progress?: { done: number; total: number };
}

/** At most `limit` sends per `windowMs` for everything sharing `key` (a chat, a group, the whole bot). */
export interface ChannelRateLimit {
  key: string;
  limit: number;
  windowMs: number;
}

/** The bytes of an inbound file the channel keeps on its own servers. */
export interface DownloadedFile {
  data: Buffer;
  contentType?: string;
  fileName?: string;
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

  /**
   * Checks the credentials and registers with the channel (a webhook, say) when an inbox is created or
   * its settings change, before anything is saved; throws ChannelConfigError (or ChannelError) with a
   * reason the administrator can act on.
   */
  connect?(context: ConnectContext): Promise<ConnectResult>;
  /** Undoes connect when the inbox is switched off or deleted; best effort. */
  disconnect?(context: ChannelContext): Promise<void>;
  /** Whether this inbox fetches its updates with poll() rather than receiving webhooks. */
  receivesByPolling?(context: ChannelContext): boolean;
  /** Waits (long polling) for the updates after `cursor` (undefined at first); aborts when `signal` fires. */
  poll?(context: ChannelContext, cursor: unknown, signal: AbortSignal): Promise<PollResult>;
  /** The channel's sending limits that this message counts against. */
  rateLimits?(message: OutboundMessage, context: ChannelContext): ChannelRateLimit[];
  /**
   * Fetches an attachment that arrived as a reference (InboundAttachment.externalId) rather than bytes;
   * throws AttachmentTooLargeError beyond maxBytes, ChannelError otherwise.
   */
  download?(attachment: InboundAttachment, context: ChannelContext, maxBytes: number): Promise<DownloadedFile>;
}
