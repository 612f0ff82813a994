import { z } from 'zod';
import { httpUrl, secretString, type InboxSettingsDefinition } from './settings-definition.js';

export const vkSettings = {
  schema: z.strictObject({
    groupId: z.int().positive(),
    accessToken: secretString(),
    secretKey: secretString().optional(),
    /** The string VK expects back when it confirms the Callback API server; VK shows it openly. */
    confirmationCode: z.string().min(1).max(100).optional(),
    mode: z.enum(['callback', 'longpoll']).optional(),
    apiBaseUrl: httpUrl().optional(),
  }),
  secretPaths: ['accessToken', 'secretKey'],
} satisfies InboxSettingsDefinition;
