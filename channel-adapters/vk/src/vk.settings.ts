/** VK's API; a test fake or a proxy sets settings.apiBaseUrl instead. */
export const DEFAULT_API_BASE_URL = 'https://api.vk.com/method';

/** The API version every call asks for; the payload shapes read here are those of this version. */
export const VK_API_VERSION = '5.199';

export type VkMode = 'callback' | 'longpoll';

/** The settings of a "vk" inbox, as the inbox settings store them (secrets decrypted). */
export interface VkChannelSettings {
  groupId?: number;
  accessToken?: string;
  /** The Callback API's secret key, which VK sends in every request. */
  secretKey?: string;
  /** The code the administrator copied from VK, or the one connect fetched with groups.getCallbackConfirmationCode. */
  confirmationCode?: string;
  mode?: VkMode;
  apiBaseUrl: string;
}

const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

export function readVkSettings(settings: Record<string, unknown>): VkChannelSettings {
  const groupId = typeof settings.groupId === 'number' && Number.isInteger(settings.groupId) && settings.groupId > 0 ? settings.groupId : undefined;
  return {
    groupId,
    accessToken: nonEmptyString(settings.accessToken),
    secretKey: nonEmptyString(settings.secretKey),
    confirmationCode: nonEmptyString(settings.confirmationCode) ?? nonEmptyString(settings.callbackConfirmationCode),
    mode: settings.mode === 'callback' || settings.mode === 'longpoll' ? settings.mode : undefined,
    apiBaseUrl: (nonEmptyString(settings.apiBaseUrl) ?? DEFAULT_API_BASE_URL).replace(/\/+$/, ''),
  };
}

/** The Callback API where the server has a public address, Bots Long Poll where it has none (a laptop). */
export function effectiveMode(settings: VkChannelSettings, publicUrl: string | undefined): VkMode {
  return settings.mode ?? (publicUrl ? 'callback' : 'longpoll');
}
