import { z } from 'zod';
import { freeFormRecord, hostPattern, httpUrl, regionCode, secretString, type InboxSettingsDefinition } from './settings-definition.js';

export const telephonySettings = {
  schema: z.strictObject({
    /** zadarma: Zadarma's PBX notifications; asterisk: AMI events forwarded by a bridge; generic: the product's own call-event JSON. */
    provider: z.enum(['zadarma', 'asterisk', 'generic']),
    /** Verifies the call-event webhooks: Zadarma's API secret, or the HMAC secret of the bridge and the generic format. */
    secret: secretString(),
    /** Provider-specific sign-in values: Zadarma's `apiKey` (the API user key) to fetch recordings. */
    credentials: freeFormRecord(),
    /** Zadarma's API address (https://api.zadarma.com when unset). */
    apiBaseUrl: httpUrl().optional(),
    /** The region national numbers are read in; RU when unset. */
    defaultRegion: regionCode().optional(),
    /** The only hosts recordings are fetched from, when set. */
    recordingHosts: z.array(hostPattern()).max(20).optional(),
  }),
  secretPaths: ['secret', 'credentials.*'],
} satisfies InboxSettingsDefinition;
