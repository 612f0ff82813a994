import { DEFAULT_PHONE_REGION } from '@channel-adapters/core';

export type TelephonyProviderName = 'zadarma' | 'asterisk' | 'generic';

/** The settings of a "telephony" inbox, as the inbox settings store them (secrets decrypted), with defaults applied. */
export interface TelephonyChannelSettings {
  provider?: TelephonyProviderName;
  /** Zadarma: the API secret that signs its notifications; the bridge and generic formats: the HMAC secret. */
  secret?: string;
  /** Zadarma: `apiKey`, the API user key, to request recordings. */
  credentials: Record<string, string>;
  /** Zadarma's API (https://api.zadarma.com); tests point it at a fake. */
  apiBaseUrl?: string;
  defaultRegion: string;
  /** Hosts recordings may be fetched from (`*.example.com` for subdomains); unset: any public host. */
  recordingHosts?: string[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export function readTelephonySettings(settings: Record<string, unknown>): TelephonyChannelSettings {
  const provider = ['zadarma', 'asterisk', 'generic'].includes(settings.provider as string) ? (settings.provider as TelephonyProviderName) : undefined;
  const credentials =
    typeof settings.credentials === 'object' && settings.credentials !== null
      ? Object.fromEntries(Object.entries(settings.credentials).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : {};
  return {
    provider,
    secret: text(settings.secret),
    credentials,
    apiBaseUrl: text(settings.apiBaseUrl)?.replace(/\/+$/, ''),
    defaultRegion: text(settings.defaultRegion) ?? DEFAULT_PHONE_REGION,
    recordingHosts: Array.isArray(settings.recordingHosts) ? settings.recordingHosts.filter((host): host is string => typeof host === 'string') : undefined,
  };
}
