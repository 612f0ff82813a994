import { z } from 'zod';
import { idSchema } from '@app/common';

export const replaceInboxMembersSchema = z.object({
  userIds: z.array(idSchema).max(1000),
});
export type ReplaceInboxMembersInput = z.infer<typeof replaceInboxMembersSchema>;

export const addInboxMemberSchema = z.object({
  userId: idSchema,
});
export type AddInboxMemberInput = z.infer<typeof addInboxMemberSchema>;
