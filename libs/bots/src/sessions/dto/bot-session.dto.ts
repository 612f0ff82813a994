import { z } from 'zod';

export const startBotSessionSchema = z.object({ flowId: z.uuid() });
export type StartBotSessionInput = z.output<typeof startBotSessionSchema>;
