import type { z } from 'zod';
import type { InboxType } from '@app/db';
import { apiSettings } from './api.settings.js';
import { emailSettings } from './email.settings.js';
import type { InboxSettingsDefinition } from './settings-definition.js';
import { smsSettings } from './sms.settings.js';
import { telegramSettings } from './telegram.settings.js';
import { telephonySettings } from './telephony.settings.js';
import { vkSettings } from './vk.settings.js';
import { webchatSettings } from './webchat.settings.js';

/** One line per channel type; the type system refuses an inbox type without settings. */
export const inboxSettingsRegistry = {
  api: apiSettings,
  telegram: telegramSettings,
  vk: vkSettings,
  email: emailSettings,
  sms: smsSettings,
  webchat: webchatSettings,
  telephony: telephonySettings,
} satisfies Record<InboxType, InboxSettingsDefinition>;

export type InboxSettingsByType = { [T in InboxType]: z.output<(typeof inboxSettingsRegistry)[T]['schema']> };

export function settingsDefinitionOf(type: InboxType): InboxSettingsDefinition {
  return inboxSettingsRegistry[type];
}

/** What a client may send on create: everything but the values the server generates. */
export function settingsInputSchema(type: InboxType): z.ZodType<Record<string, unknown>> {
  const { schema, generated = {} } = settingsDefinitionOf(type);
  const mask = Object.fromEntries(Object.keys(generated).map((key) => [key, true as const]));
  return schema.partial(mask).prefault({});
}
