import { z } from 'zod';

export const consentChangeSchema = z.object({ optedOut: z.boolean() });
export type ConsentChangeBody = z.output<typeof consentChangeSchema>;
