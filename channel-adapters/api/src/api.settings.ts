/** The settings of an "api" inbox, as the inbox settings store them (secrets decrypted). */
export interface ApiChannelSettings {
  webhookSecret?: string;
  callbackUrl?: string;
}

const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

export function readApiSettings(settings: Record<string, unknown>): ApiChannelSettings {
  return { webhookSecret: nonEmptyString(settings.webhookSecret), callbackUrl: nonEmptyString(settings.callbackUrl) };
}
