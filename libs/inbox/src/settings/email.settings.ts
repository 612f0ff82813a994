import { z } from 'zod';
import { secretString, type InboxSettingsDefinition } from './settings-definition.js';

const mailServer = () =>
  z.strictObject({
    host: z.string().trim().min(1).max(253),
    port: z.int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().min(1).max(320),
    password: secretString(),
  });

export const emailSettings = {
  schema: z.strictObject({
    imap: mailServer(),
    smtp: mailServer(),
    fromAddress: z.email(),
    fromName: z.string().trim().min(1).max(200).optional(),
    /** How many days back the first sync of the mailbox reaches (7 when not set). */
    initialSyncDays: z.int().min(0).max(365).optional(),
  }),
  secretPaths: ['imap.password', 'smtp.password'],
} satisfies InboxSettingsDefinition;
