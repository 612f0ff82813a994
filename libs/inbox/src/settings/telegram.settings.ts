import { z } from 'zod';
import { httpUrl, secretString, type InboxSettingsDefinition } from './settings-definition.js';

export const telegramSettings = {
  schema: z.strictObject({
    botToken: secretString(),
    /** Unset: a webhook where PUBLIC_URL is set, long polling where it is not; connect stores the choice. */
    mode: z.enum(['webhook', 'polling']).optional(),
    /** Bot API server; a self-hosted one or a test fake instead of api.telegram.org. */
    apiRoot: httpUrl().optional(),
    /** Learnt from getMe when the bot is connected. */
    botId: z.number().int().optional(),
    botUsername: z.string().max(100).optional(),
    botName: z.string().max(200).optional(),
    /** Registered with setWebhook; Telegram sends it back in every webhook call. */
    webhookSecret: secretString().optional(),
  }),
  secretPaths: ['botToken', 'webhookSecret'],
  connected: ['botId', 'botUsername', 'botName', 'webhookSecret'],
} satisfies InboxSettingsDefinition;
