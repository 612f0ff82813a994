import { z } from 'zod';
import { generateHexSecret, httpUrl, secretString, type InboxSettingsDefinition } from './settings-definition.js';

/** An integrator's own channel: messages arrive signed with webhookSecret, replies go to callbackUrl. */
export const apiSettings = {
  schema: z.strictObject({
    callbackUrl: httpUrl().optional(),
    webhookSecret: secretString(),
  }),
  secretPaths: ['webhookSecret'],
  generated: { webhookSecret: generateHexSecret },
} satisfies InboxSettingsDefinition;
