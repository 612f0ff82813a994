import { z } from 'zod';
import { generateUrlSafeToken, type InboxSettingsDefinition } from './settings-definition.js';

/** A site origin as the browser sends it: scheme, host and an optional port, nothing after. */
const origin = () => z.string().regex(/^https?:\/\/[^/\s?#]+$/);

export const webchatSettings = {
  schema: z.strictObject({
    allowedOrigins: z.array(origin()).max(100),
    greeting: z.string().trim().max(1000).optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
    /** Identifies the widget to the server; it is public in the page's script, so it is no secret. */
    widgetToken: z.string().min(1),
  }),
  secretPaths: [],
  generated: { widgetToken: generateUrlSafeToken },
} satisfies InboxSettingsDefinition;
