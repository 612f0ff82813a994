import type { AssignmentPolicy, Conversation } from '@app/db';

export interface PolicyScope {
  policy: AssignmentPolicy | null;
  /** The team the conversation belongs to after routing (an inbox may hand its conversations to a team). */
  teamId: string | null;
}

/** A team's policy decides for a conversation of that team; otherwise the inbox's. */
export function policyScopeOf(policies: { byInbox: ReadonlyMap<string, AssignmentPolicy>; byTeam: ReadonlyMap<string, AssignmentPolicy> }, conversation: Pick<Conversation, 'inboxId' | 'teamId'>): PolicyScope {
  const inboxPolicy = policies.byInbox.get(conversation.inboxId);
  const teamId = conversation.teamId ?? inboxPolicy?.routeToTeamId ?? null;
  return { policy: (teamId ? policies.byTeam.get(teamId) : undefined) ?? inboxPolicy ?? null, teamId };
}

export function indexPolicies(policies: AssignmentPolicy[]) {
  const byInbox = new Map<string, AssignmentPolicy>();
  const byTeam = new Map<string, AssignmentPolicy>();
  for (const policy of policies) {
    if (policy.inboxId) byInbox.set(policy.inboxId, policy);
    if (policy.teamId) byTeam.set(policy.teamId, policy);
  }
  return { byInbox, byTeam };
}
