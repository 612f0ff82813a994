import { z } from 'zod';
import { httpUrl, secretString, type InboxSettingsDefinition } from './settings-definition.js';

export const telegramSettings = {
  schema: z.strictObject({
    botToken: secretString(),
    mode: z.enum(['webhook', 'polling']).optional(),
    /** Bot API server; a self-hosted one or a test fake instead of api.telegram.org. */
    apiRoot: httpUrl().optional(),
  }),
  secretPaths: ['botToken'],
} satisfies InboxSettingsDefinition;
