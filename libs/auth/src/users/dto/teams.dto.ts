import { z } from 'zod';

const teamNameSchema = z.string().trim().min(1).max(200);
const descriptionSchema = z.string().trim().max(2000).nullable();

export const createTeamSchema = z.object({
  name: teamNameSchema,
  description: descriptionSchema.optional(),
});
export type CreateTeamInput = z.output<typeof createTeamSchema>;

export const updateTeamSchema = z.object({
  name: teamNameSchema.optional(),
  description: descriptionSchema.optional(),
});
export type UpdateTeamInput = z.output<typeof updateTeamSchema>;

export const replaceMembersSchema = z.object({
  userIds: z.array(z.uuid()).max(1000),
});

export const addMemberSchema = z.object({
  userId: z.uuid(),
});
