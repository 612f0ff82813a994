import { Injectable } from '@nestjs/common';
import { InboxAccessService, TeamsService } from '@app/auth';
import { DomainException, ErrorCode, notFound, type FieldError } from '@app/common';
import type { AssignmentPolicy, Page, PolicyAgent } from '@app/db';
import { InboxesService } from '@app/inbox';
import { AssignmentPoliciesRepository } from './assignment-policies.repository.js';
import { AssignmentService } from './assignment.service.js';
import type { CreatePolicyInput, ListPoliciesQuery, UpdatePolicyInput } from './dto/assignment-policy.dto.js';
import { RosterRepository } from './roster.repository.js';

@Injectable()
export class AssignmentPoliciesService {
  constructor(
    private readonly policies: AssignmentPoliciesRepository,
    private readonly assignment: AssignmentService,
    private readonly roster: RosterRepository,
    private readonly inboxes: InboxesService,
    private readonly teams: TeamsService,
    private readonly access: InboxAccessService,
  ) {}

  list(query: ListPoliciesQuery): Promise<Page<AssignmentPolicy>> {
    return this.policies.list(query);
  }

  async get(id: string): Promise<AssignmentPolicy> {
    const policy = await this.policies.findById(id);
    if (!policy) throw notFound('entity.assignment_policy', id);
    return policy;
  }

  async create(input: CreatePolicyInput): Promise<AssignmentPolicy> {
    if (input.inboxId) await this.inboxes.findOrThrow(input.inboxId);
    if (input.teamId) await this.teams.get(input.teamId);
    await this.checkReferences({ inboxId: input.inboxId ?? null, teamId: input.teamId ?? null, routeToTeamId: input.routeToTeamId, agents: input.agents });
    const policy = await this.policies.create({ ...input, inboxId: input.inboxId ?? null, teamId: input.teamId ?? null });
    await this.assignment.drain();
    return policy;
  }

  async update(id: string, input: UpdatePolicyInput): Promise<AssignmentPolicy> {
    const current = await this.get(id);
    if (current.teamId && input.routeToTeamId) {
      throw new DomainException(ErrorCode.ValidationFailed, { errors: [{ field: 'routeToTeamId', message: 'Only an inbox policy can route to a team' }] });
    }
    await this.checkReferences({ inboxId: current.inboxId, teamId: current.teamId, routeToTeamId: input.routeToTeamId ?? null, agents: input.agents ?? [] });
    const policy = await this.policies.update(id, input);
    if (!policy) throw notFound('entity.assignment_policy', id);
    await this.assignment.drain();
    return policy;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.policies.delete(id))) throw notFound('entity.assignment_policy', id);
  }

  /** The team routed to exists; every listed agent is active and may take the scope's conversations. */
  private async checkReferences(scope: { inboxId: string | null; teamId: string | null; routeToTeamId: string | null; agents: PolicyAgent[] }): Promise<void> {
    if (scope.routeToTeamId) await this.teams.get(scope.routeToTeamId);
    if (scope.agents.length === 0) return;
    const found = new Map((await this.roster.activeUsers(undefined, scope.agents.map((a) => a.userId))).map((u) => [u.id, u]));
    const teamMembers = scope.teamId ? new Set((await this.teams.get(scope.teamId)).members.map((m) => m.id)) : null;
    const errors: FieldError[] = [];
    for (const [index, agent] of scope.agents.entries()) {
      const user = found.get(agent.userId);
      if (!user) throw notFound('entity.user', agent.userId);
      if (teamMembers && !teamMembers.has(user.id)) errors.push({ field: `agents.${index}.userId`, message: 'Not a member of the team: add them to the team first' });
      if (scope.inboxId && !(await this.access.canAccess({ kind: 'user', id: user.id, role: user.role, name: user.name }, scope.inboxId))) {
        throw new DomainException(ErrorCode.AssigneeNotInInbox, { details: { assigneeId: user.id, inboxId: scope.inboxId, field: `agents.${index}.userId` } });
      }
    }
    if (errors.length) throw new DomainException(ErrorCode.ValidationFailed, { errors });
  }
}
