import { z } from 'zod';
import { freeFormRecord, generateHexSecret, hostPattern, httpUrl, regionCode, secretString, type InboxSettingsDefinition } from './settings-definition.js';

/** A dotted path into a JSON body: `from`, `message.sender.phone`, `items.0.id`. */
const dottedPath = () => z.string().trim().regex(/^[\w$-]+(\.[\w$-]+)*$/).max(200);

export const smsSettings = {
  schema: z.strictObject({
    provider: z.enum(['twilio', 'smsru', 'generic']),
    /** What the provider signs in with: twilio `accountSid` + `authToken`, smsru `apiId`. */
    credentials: freeFormRecord(),
    /** The provider's API address; a test fake or a regional endpoint instead of the default. */
    baseUrl: httpUrl().optional(),
    /** The sender: a number in E.164 or an approved alphanumeric name. */
    from: z.string().trim().min(1).max(50).optional(),
    /** Twilio: send through a messaging service instead of one number. */
    messagingServiceSid: z.string().trim().min(1).max(64).optional(),
    /** The region national numbers are read in; RU when unset. */
    defaultRegion: regionCode().optional(),
    /** Where inbound MMS media may come from; Twilio's own hosts when unset. */
    mediaHosts: z.array(hostPattern()).max(20).optional(),
    /** Signs inbound webhooks and outbound requests of the generic gateway (and SMS forwarded to an SMS.ru inbox). */
    webhookSecret: secretString(),
    /** The header that carries `sha256=<hex>`; X-Signature when unset. */
    signatureHeader: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
    /** Where the generic gateway's inbound JSON keeps each value. */
    inbound: z.strictObject({ from: dottedPath(), text: dottedPath(), id: dottedPath(), to: dottedPath().optional(), status: dottedPath().optional() }).optional(),
    /** The generic gateway's send address and the JSON it takes, with {{to}}, {{from}}, {{text}} and {{messageId}} filled in. */
    sendUrl: httpUrl().optional(),
    sendTemplate: z.record(z.string().max(100), z.json()).optional(),
    /** At most this many concatenated parts per SMS (6 when unset); a longer reply goes out as several SMS. */
    maxParts: z.number().int().min(1).max(10).optional(),
  }),
  secretPaths: ['credentials.*', 'webhookSecret'],
  generated: { webhookSecret: generateHexSecret },
} satisfies InboxSettingsDefinition;
