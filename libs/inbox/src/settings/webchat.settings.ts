import { z } from 'zod';
import { generateUrlSafeToken, type InboxSettingsDefinition } from './settings-definition.js';

/** A site origin as the browser sends it: scheme, host and an optional port, nothing after. */
const origin = () => z.string().regex(/^https?:\/\/[^/\s?#]+$/);

export const webchatSettings = {
  schema: z.strictObject({
    allowedOrigins: z.array(origin()).max(100),
    greeting: z.string().trim().max(1000).optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
    /** When the widget asks for the visitor's name and e-mail: before the first message, after it (the default), or never. */
    askContact: z.enum(['before', 'after', 'never']).optional(),
    /** The visitor cannot skip the name and e-mail form. */
    requireContactInfo: z.boolean().optional(),
    /** Shown in the chat window, e.g. "We answer on weekdays from 9 to 18". */
    workingHoursMessage: z.string().trim().max(500).optional(),
    /** The widget's language for every visitor; by default each visitor's browser language. */
    locale: z.enum(['ru', 'en']).optional(),
    /** Identifies the widget to the server; it is public in the page's script, so it is no secret. */
    widgetToken: z.string().min(1),
  }),
  secretPaths: [],
  generated: { widgetToken: generateUrlSafeToken },
} satisfies InboxSettingsDefinition;

export type WebchatSettings = z.output<typeof webchatSettings.schema>;
