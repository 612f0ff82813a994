import { z } from 'zod';
import { freeFormRecord, secretString, type InboxSettingsDefinition } from './settings-definition.js';

export const telephonySettings = {
  schema: z.strictObject({
    provider: z.enum(['zadarma', 'mango', 'asterisk', 'generic']),
    /** Verifies the provider's call-event webhooks. */
    secret: secretString(),
    /** Provider-specific sign-in values (API key, ARI user and password, ...). */
    credentials: freeFormRecord(),
  }),
  secretPaths: ['secret', 'credentials.*'],
} satisfies InboxSettingsDefinition;
