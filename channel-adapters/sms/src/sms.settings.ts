import { DEFAULT_PHONE_REGION } from '@channel-adapters/core';

export type SmsProviderName = 'twilio' | 'smsru' | 'generic';

/** Where the generic provider finds each value in an inbound JSON body, as dotted paths. */
export interface InboundFieldMap {
  from: string;
  text: string;
  id: string;
  to?: string;
  /** When this path holds a value, the body is a delivery report for the message whose provider id is at `id`. */
  status?: string;
}

/** The settings of an "sms" inbox, as the inbox settings store them (secrets decrypted), with defaults applied. */
export interface SmsChannelSettings {
  provider?: SmsProviderName;
  credentials: Record<string, string>;
  baseUrl?: string;
  /** The sender: a number or an approved alphanumeric name. */
  from?: string;
  messagingServiceSid?: string;
  defaultRegion: string;
  /** Hosts inbound MMS media may come from; anything else is dropped. */
  mediaHosts: string[];
  /** Signs the generic provider's webhooks and requests. */
  webhookSecret?: string;
  signatureHeader: string;
  inbound: InboundFieldMap;
  sendUrl?: string;
  sendTemplate: Record<string, unknown>;
  /** At most this many concatenated parts per SMS; a longer text goes out as several SMS. */
  maxParts: number;
}

export const DEFAULT_MAX_PARTS = 6;
export const DEFAULT_MEDIA_HOSTS = ['api.twilio.com', '*.twiliocdn.com'];
export const DEFAULT_SIGNATURE_HEADER = 'x-signature';
export const DEFAULT_INBOUND_FIELDS: InboundFieldMap = { from: 'from', text: 'text', id: 'id', to: 'to' };
export const DEFAULT_SEND_TEMPLATE = { to: '{{to}}', from: '{{from}}', text: '{{text}}', messageId: '{{messageId}}' };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readSmsSettings(settings: Record<string, unknown>): SmsChannelSettings {
  const provider = ['twilio', 'smsru', 'generic'].includes(settings.provider as string) ? (settings.provider as SmsProviderName) : undefined;
  const credentials = isRecord(settings.credentials)
    ? Object.fromEntries(Object.entries(settings.credentials).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : {};
  const inbound = isRecord(settings.inbound) ? settings.inbound : {};
  const maxParts = Number(settings.maxParts);
  return {
    provider,
    credentials,
    baseUrl: text(settings.baseUrl)?.replace(/\/+$/, ''),
    from: text(settings.from),
    messagingServiceSid: text(settings.messagingServiceSid),
    defaultRegion: text(settings.defaultRegion) ?? DEFAULT_PHONE_REGION,
    mediaHosts: Array.isArray(settings.mediaHosts) ? settings.mediaHosts.filter((host): host is string => typeof host === 'string') : DEFAULT_MEDIA_HOSTS,
    webhookSecret: text(settings.webhookSecret),
    signatureHeader: (text(settings.signatureHeader) ?? DEFAULT_SIGNATURE_HEADER).toLowerCase(),
    inbound: {
      from: text(inbound.from) ?? DEFAULT_INBOUND_FIELDS.from,
      text: text(inbound.text) ?? DEFAULT_INBOUND_FIELDS.text,
      id: text(inbound.id) ?? DEFAULT_INBOUND_FIELDS.id,
      to: text(inbound.to) ?? DEFAULT_INBOUND_FIELDS.to,
      status: text(inbound.status),
    },
    sendUrl: text(settings.sendUrl),
    sendTemplate: isRecord(settings.sendTemplate) ? settings.sendTemplate : DEFAULT_SEND_TEMPLATE,
    maxParts: Number.isInteger(maxParts) && maxParts >= 1 && maxParts <= 10 ? maxParts : DEFAULT_MAX_PARTS,
  };
}
