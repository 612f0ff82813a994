import type { AssignmentPolicy, Conversation, Executor } from '@app/db';
import type { AssignmentScope } from '@app/inbox';
import type { Freshness } from '../presence/presence.repository.js';
import { PresenceRepository } from '../presence/presence.repository.js';
import type { Candidate } from './agent-picker.js';
import { indexPolicies, policyScopeOf, type PolicyScope } from './policy-scope.js';
import { RosterRepository, type RosterUser } from './roster.repository.js';

/**
 * What routing knows inside one transaction: the policies, who may take which conversation, their
 * loads and presence. Read once and kept up to date as the transaction assigns.
 */
export class Roster {
  private readonly policies: ReturnType<typeof indexPolicies>;
  private readonly inboxMembers = new Map<string, RosterUser[]>();
  private readonly teamMembers = new Map<string, RosterUser[]>();
  private readonly loads = new Map<string, number>();
  private readonly online = new Map<string, { lastAssignedAt: Date | null } | null>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly tx: Executor,
    private readonly scope: AssignmentScope,
    private readonly repository: RosterRepository,
    private readonly presence: PresenceRepository,
    policies: AssignmentPolicy[],
    readonly now: Date,
    private readonly freshness: Freshness,
  ) {
    this.policies = indexPolicies(policies);
  }

  resolve(conversation: Pick<Conversation, 'inboxId' | 'teamId'>): PolicyScope {
    return policyScopeOf(this.policies, conversation);
  }

  /** Where waiting conversations may be routed: inboxes and teams with an automatic policy (or an inbox handing over to a team). */
  waitingScope(): { inboxIds: string[]; teamIds: string[] } {
    const automatic = (p: AssignmentPolicy) => p.kind !== 'manual';
    return {
      inboxIds: [...this.policies.byInbox.values()].filter((p) => automatic(p) || p.routeToTeamId).map((p) => p.inboxId!),
      teamIds: [...this.policies.byTeam.values()].filter(automatic).map((p) => p.teamId!),
    };
  }

  /** The policy's agents in order, narrowed to the conversation's team and to those who may see its inbox. */
  async candidates(policy: AssignmentPolicy, conversation: Pick<Conversation, 'inboxId'>, teamId: string | null): Promise<Candidate[]> {
    let people = policy.agents.length ? await this.listed(policy) : policy.teamId ? await this.membersOfTeam(policy.teamId) : await this.membersOfInbox(policy.inboxId!);
    const team = teamId ?? policy.teamId;
    if (team && (policy.agents.length || !policy.teamId)) {
      const members = new Set((await this.membersOfTeam(team)).map((u) => u.id));
      people = people.filter((u) => members.has(u.id));
    }
    const inboxMembers = new Set((await this.membersOfInbox(conversation.inboxId)).map((u) => u.id));
    people = people.filter((u) => u.role !== 'agent' || inboxMembers.has(u.id));
    await this.load(people.map((u) => u.id));
    const capacityOf = new Map(policy.agents.map((a) => [a.userId, a.capacity]));
    return people.map((u) => {
      const presence = this.online.get(u.id) ?? null;
      return { userId: u.id, capacity: capacityOf.get(u.id) ?? policy.capacity, load: this.loads.get(u.id) ?? 0, online: presence !== null, lastAssignedAt: presence?.lastAssignedAt ?? null };
    });
  }

  nameOf(userId: string): string {
    return this.names.get(userId) ?? '';
  }

  noteAssigned(userId: string, previousUserId: string | null): void {
    this.loads.set(userId, (this.loads.get(userId) ?? 0) + 1);
    if (previousUserId && this.loads.has(previousUserId)) this.loads.set(previousUserId, Math.max(0, this.loads.get(previousUserId)! - 1));
    const presence = this.online.get(userId);
    if (presence) presence.lastAssignedAt = this.now;
  }

  private async listed(policy: AssignmentPolicy): Promise<RosterUser[]> {
    const found = new Map(this.remember(await this.repository.activeUsers(this.tx, policy.agents.map((a) => a.userId))).map((u) => [u.id, u]));
    return policy.agents.map((a) => found.get(a.userId)).filter((u): u is RosterUser => u !== undefined);
  }

  private async membersOfInbox(inboxId: string): Promise<RosterUser[]> {
    if (!this.inboxMembers.has(inboxId)) this.inboxMembers.set(inboxId, this.remember(await this.repository.inboxMembers(this.tx, inboxId)));
    return this.inboxMembers.get(inboxId)!;
  }

  private async membersOfTeam(teamId: string): Promise<RosterUser[]> {
    if (!this.teamMembers.has(teamId)) this.teamMembers.set(teamId, this.remember(await this.repository.teamMembers(this.tx, teamId)));
    return this.teamMembers.get(teamId)!;
  }

  private remember(people: RosterUser[]): RosterUser[] {
    for (const user of people) this.names.set(user.id, user.name);
    return people;
  }

  private async load(userIds: string[]): Promise<void> {
    const missing = userIds.filter((id) => !this.online.has(id));
    if (missing.length === 0) return;
    const loads = await this.scope.openLoad(missing);
    const online = await this.presence.onlineAmong(this.tx, missing, this.now, this.freshness);
    for (const id of missing) {
      this.loads.set(id, loads.get(id) ?? 0);
      this.online.set(id, online.get(id) ?? null);
    }
  }
}
