import {
  ChannelError,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  UrlNotAllowedError,
  WebhookAuthError,
  WebhookPayloadError,
  downloadPublicFile,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type DownloadedFile,
  type HostResolver,
  type InboundAttachment,
  type OutboundMessage,
  type ParseResult,
  type SendResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { AsteriskProvider } from './providers/asterisk.provider.js';
import { GenericTelephonyProvider } from './providers/generic.provider.js';
import { ZadarmaProvider } from './providers/zadarma.provider.js';
import type { TelephonyProvider } from './telephony-provider.js';
import { readTelephonySettings, type TelephonyChannelSettings, type TelephonyProviderName } from './telephony.settings.js';

export interface TelephonyChannelAdapterOptions {
  timeoutMs?: number;
  /** Replaces DNS when recording hosts are checked (tests). */
  resolveHost?: HostResolver;
  /** Fetches recordings from private addresses too; only tests set this. */
  allowPrivateAddresses?: boolean;
}

/**
 * Call events from a PBX or cloud telephony (settings.provider: Zadarma, an Asterisk AMI bridge, or the
 * generic format). A call is not a text channel: replies cannot be sent, and recordings are fetched
 * through download, never handed to a browser as the provider's URL.
 */
export class TelephonyChannelAdapter implements ChannelAdapter {
  readonly type = 'telephony' as const;

  readonly capabilities: ChannelCapabilities = {
    // Nothing is sent as text; the smallest length the contract allows.
    maxTextLength: 1,
    buttons: false,
    media: [],
    edits: false,
    replies: false,
    typing: false,
  };

  private readonly providers: Record<TelephonyProviderName, TelephonyProvider>;

  constructor(private readonly options: TelephonyChannelAdapterOptions = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
    this.providers = {
      zadarma: new ZadarmaProvider({ timeoutMs, resolveHost: options.resolveHost, allowPrivateAddresses: options.allowPrivateAddresses ?? false }),
      asterisk: new AsteriskProvider(),
      generic: new GenericTelephonyProvider(),
    };
  }

  async verify(request: WebhookRequest, context: ChannelContext): Promise<void> {
    const settings = readTelephonySettings(context.settings);
    if (!settings.provider) throw new WebhookAuthError('This inbox names no telephony provider; set settings.provider');
    await this.providers[settings.provider].verify(request, settings);
  }

  async parse(request: WebhookRequest, context: ChannelContext): Promise<ParseResult> {
    const settings = readTelephonySettings(context.settings);
    if (!settings.provider) throw new WebhookPayloadError('This inbox names no telephony provider; set settings.provider');
    return this.providers[settings.provider].parse(request, settings);
  }

  async send(_message: OutboundMessage, _context: ChannelContext): Promise<SendResult> {
    throw ChannelError.permanent('A telephony inbox cannot send text: call the customer back, or write to them in one of their other channels');
  }

  /** A call's recording: `externalId` is the provider's recording reference, `url` a recording URL from a call event. */
  async download(attachment: InboundAttachment, context: ChannelContext, maxBytes: number): Promise<DownloadedFile> {
    const settings = readTelephonySettings(context.settings);
    try {
      if (attachment.externalId) return await this.downloadByRef(attachment.externalId, settings, context, maxBytes);
      if (attachment.url) {
        return await downloadPublicFile(attachment.url, {
          maxBytes,
          timeoutMs: this.options.timeoutMs,
          allowHosts: settings.recordingHosts,
          allowPrivate: this.options.allowPrivateAddresses,
          resolve: this.options.resolveHost,
        });
      }
    } catch (error) {
      if (error instanceof UrlNotAllowedError) throw ChannelError.permanent(`The recording is not fetched: ${error.message}`, { cause: error });
      throw error;
    }
    throw ChannelError.permanent('The call has no recording');
  }

  private downloadByRef(ref: string, settings: TelephonyChannelSettings, context: ChannelContext, maxBytes: number): Promise<DownloadedFile> {
    const provider = settings.provider ? this.providers[settings.provider] : undefined;
    if (!provider?.downloadRecording) throw ChannelError.permanent(`A ${settings.provider ?? 'telephony'} inbox keeps no recordings behind an API`);
    return provider.downloadRecording(ref, settings, context, maxBytes);
  }
}
