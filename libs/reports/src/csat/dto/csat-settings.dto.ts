import { z } from 'zod';

export const csatSettingsSchema = z.object({ enabled: z.boolean().optional(), askNps: z.boolean().optional() });
export type CsatSettingsInput = z.infer<typeof csatSettingsSchema>;
