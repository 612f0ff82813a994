import {
  ChannelError,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  WebhookAuthError,
  degradeButtonsToText,
  toE164,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type HostResolver,
  type OutboundMessage,
  type ParseResult,
  type SendResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { GenericSmsProvider } from './providers/generic.provider.js';
import { SmsRuProvider } from './providers/smsru.provider.js';
import { TwilioSmsProvider } from './providers/twilio.provider.js';
import type { SmsProvider } from './sms-provider.js';
import { smsCapacity, splitSms } from './sms-segments.js';
import { DEFAULT_MAX_PARTS, readSmsSettings, type SmsChannelSettings, type SmsProviderName } from './sms.settings.js';

export interface SmsChannelAdapterOptions {
  timeoutMs?: number;
  /** Replaces DNS when MMS media hosts are checked (tests). */
  resolveHost?: HostResolver;
  /** Accepts media on private addresses; only tests set this. */
  allowPrivateMedia?: boolean;
}

/**
 * SMS through a gateway chosen per inbox (settings.provider): Twilio, SMS.ru or any HTTP gateway.
 * Numbers are E.164 (the contact's external id); a long reply goes out as concatenated SMS of at most
 * settings.maxParts parts each, and buttons become numbered options.
 */
export class SmsChannelAdapter implements ChannelAdapter {
  readonly type = 'sms' as const;

  readonly capabilities: ChannelCapabilities = {
    // Six concatenated UCS-2 parts, the worst case (Cyrillic); longer replies are sent as several SMS.
    maxTextLength: smsCapacity('UCS-2', DEFAULT_MAX_PARTS),
    buttons: false,
    media: [],
    edits: false,
    replies: false,
    typing: false,
  };

  private readonly providers: Record<SmsProviderName, SmsProvider>;

  constructor(options: SmsChannelAdapterOptions = {}) {
    const providerOptions = { timeoutMs: options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS, resolveHost: options.resolveHost, allowPrivateMedia: options.allowPrivateMedia ?? false };
    this.providers = {
      twilio: new TwilioSmsProvider(providerOptions),
      smsru: new SmsRuProvider(providerOptions),
      generic: new GenericSmsProvider(providerOptions),
    };
  }

  async verify(request: WebhookRequest, context: ChannelContext): Promise<void> {
    const settings = readSmsSettings(context.settings);
    if (!settings.provider) throw new WebhookAuthError('This inbox names no SMS provider; set settings.provider');
    await this.providers[settings.provider].verify(request, settings, context);
  }

  async parse(request: WebhookRequest, context: ChannelContext): Promise<ParseResult> {
    const settings = readSmsSettings(context.settings);
    return this.providerOf(settings).parse(request, settings, context);
  }

  async send(message: OutboundMessage, context: ChannelContext): Promise<SendResult> {
    const settings = readSmsSettings(context.settings);
    const provider = this.providerOf(settings);
    const to = toE164(message.contact.phone ?? message.contact.externalId, settings.defaultRegion) ?? toE164(message.contact.externalId, settings.defaultRegion);
    if (!to) throw ChannelError.permanent(`The contact has no phone number SMS can reach (${message.contact.externalId}); add one to the contact`);
    const parts = splitSms(smsText(message), settings.maxParts);
    if (parts.length === 0) throw ChannelError.permanent('The reply is empty; SMS carry text only');
    const ids: string[] = [];
    for (const [index, text] of parts.entries()) {
      try {
        ids.push(await provider.send({ to, text, id: index === 0 ? message.messageId : `${message.messageId}-${index + 1}` }, settings, context));
      } catch (error) {
        if (index === 0 || !(error instanceof ChannelError)) throw error;
        // Retrying would send the first parts twice: stop here and say what the customer got.
        throw ChannelError.permanent(`Only ${index} of ${parts.length} SMS were sent, then: ${error.reason}. Send the rest as a new message.`, {
          cause: error,
          identityFlags: error.identityFlags,
        });
      }
    }
    return { externalId: ids[0] };
  }

  private providerOf(settings: SmsChannelSettings): SmsProvider {
    if (!settings.provider) throw ChannelError.permanent('This inbox names no SMS provider; set settings.provider');
    return this.providers[settings.provider];
  }
}

/** SMS carry text only: buttons become numbered options and files become links. */
function smsText(message: OutboundMessage): string {
  const text = message.buttons?.length ? degradeButtonsToText(message.text, message.buttons) : (message.text ?? '');
  const links = (message.attachments ?? []).filter((file) => file.url).map((file) => `${file.fileName}: ${file.url}`);
  return [text, ...links].filter((line) => line.trim()).join('\n');
}
