import { z } from 'zod';
import { freeFormRecord, httpUrl, type InboxSettingsDefinition } from './settings-definition.js';

export const smsSettings = {
  schema: z.strictObject({
    provider: z.enum(['twilio', 'smsru', 'smsc', 'generic']),
    /** Whatever the provider signs in with (accountSid + authToken, api_id, login + password, ...). */
    credentials: freeFormRecord(),
    baseUrl: httpUrl().optional(),
  }),
  secretPaths: ['credentials.*'],
} satisfies InboxSettingsDefinition;
