import { z } from 'zod';
import { listQuerySchema } from '@app/common';

const policyAgent = z.object({
  userId: z.uuid(),
  /** Open conversations this agent may hold; overrides the policy's capacity (null: no limit). */
  capacity: z.number().int().min(0).max(1000).nullable().optional(),
});

const uniqueAgents = (agents: { userId: string }[]) => new Set(agents.map((a) => a.userId)).size === agents.length;

const fields = {
  name: z.string().trim().min(1).max(200),
  /** manual: a shared queue; round_robin; least_busy (fewest open conversations); strict_order (each agent in turn gets strictTimeoutSeconds to answer); sticky (the contact's last agent or deal owner). */
  kind: z.enum(['manual', 'round_robin', 'least_busy', 'strict_order', 'sticky']),
  enabled: z.boolean(),
  /** Inbox policies only: conversations go to this team, whose own policy picks the agent. */
  routeToTeamId: z.uuid().nullable(),
  /** Open conversations an agent may hold; null: no limit. */
  capacity: z.number().int().min(0).max(1000).nullable(),
  /** The agents in order; empty: every member of the inbox or team. */
  agents: z.array(policyAgent).max(500).refine(uniqueAgents, 'Each agent may be listed once'),
  strictTimeoutSeconds: z.number().int().min(10).max(86_400),
  /** What sticky does when the contact's agent has no room. */
  stickyFallback: z.enum(['round_robin', 'least_busy', 'strict_order']),
  /** Waiting times of this policy's conversations count business hours only. */
  waitInBusinessHours: z.boolean(),
};

export const createPolicySchema = z
  .object({
    ...fields,
    inboxId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    enabled: fields.enabled.default(true),
    routeToTeamId: fields.routeToTeamId.default(null),
    capacity: fields.capacity.default(null),
    agents: fields.agents.default([]),
    strictTimeoutSeconds: fields.strictTimeoutSeconds.default(300),
    stickyFallback: fields.stickyFallback.default('least_busy'),
    waitInBusinessHours: fields.waitInBusinessHours.default(false),
  })
  .refine((p) => Boolean(p.inboxId) !== Boolean(p.teamId), { message: 'Give either inboxId or teamId', path: ['inboxId'] })
  .refine((p) => !(p.teamId && p.routeToTeamId), { message: 'Only an inbox policy can route to a team', path: ['routeToTeamId'] });
export type CreatePolicyInput = z.output<typeof createPolicySchema>;

export const updatePolicySchema = z.object({
  name: fields.name.optional(),
  kind: fields.kind.optional(),
  enabled: fields.enabled.optional(),
  routeToTeamId: fields.routeToTeamId.optional(),
  capacity: fields.capacity.optional(),
  agents: fields.agents.optional(),
  strictTimeoutSeconds: fields.strictTimeoutSeconds.optional(),
  stickyFallback: fields.stickyFallback.optional(),
  waitInBusinessHours: fields.waitInBusinessHours.optional(),
});
export type UpdatePolicyInput = z.output<typeof updatePolicySchema>;

export const listPoliciesSchema = listQuerySchema.omit({ q: true }).extend({ inboxId: z.uuid().optional(), teamId: z.uuid().optional() });
export type ListPoliciesQuery = z.output<typeof listPoliciesSchema>;

export const queueQuerySchema = z.object({ inboxId: z.uuid().optional(), teamId: z.uuid().optional(), cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(25) });
export type QueueQuery = z.output<typeof queueQuerySchema>;

export const transferSchema = z
  .object({
    /** The agent to hand over to (null: nobody, e.g. to let the team's policy pick). */
    assigneeId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    /** A private note for the next person, written into the thread. */
    note: z.string().trim().max(5000).optional(),
  })
  .refine((v) => v.assigneeId !== undefined || v.teamId !== undefined, { message: 'Give assigneeId, teamId or both', path: ['assigneeId'] });
export type TransferInput = z.output<typeof transferSchema>;
