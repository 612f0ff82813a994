import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@app/auth';
import type { AssignmentPolicy, ConversationRouting } from '@app/db';
import { ConversationsService } from '@app/inbox';
import { BusinessHoursService } from '../business-hours/business-hours.service.js';
import { AssignmentPoliciesRepository } from './assignment-policies.repository.js';
import type { QueueQuery, TransferInput } from './dto/assignment-policy.dto.js';
import { indexPolicies, policyScopeOf } from './policy-scope.js';
import { RoutingStateRepository } from './routing-state.repository.js';

type ConversationView = Awaited<ReturnType<ConversationsService['get']>>;
type ListedConversation = Awaited<ReturnType<ConversationsService['list']>>['items'][number];

export interface RoutingInfo {
  policy: Pick<AssignmentPolicy, 'id' | 'name' | 'kind' | 'waitInBusinessHours'> | null;
  /** Set while the conversation is open and unassigned. */
  waitingSince: string | null;
  /** In business hours when the policy says so, else calendar time. */
  waitingSeconds: number | null;
  calendarWaitingSeconds: number | null;
  businessWaitingSeconds: number | null;
  /** Strict order: the agent who must answer before expiresAt. */
  offer: { userId: string; offeredAt: string | null; expiresAt: string | null } | null;
  triedUserIds: string[];
  autoReplyPeriod: string | null;
}

/** The waiting queue as agents see it, each conversation's routing state, and transfers between agents and teams. */
@Injectable()
export class RoutingQueueService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly policies: AssignmentPoliciesRepository,
    private readonly state: RoutingStateRepository,
    private readonly hours: BusinessHoursService,
  ) {}

  /** Open, unassigned conversations the caller may see, with how long each has waited. */
  async queue(user: AuthUser, query: QueueQuery) {
    const page = await this.conversations.list(user, { status: 'open', assigneeId: 'none', inboxId: query.inboxId, teamId: query.teamId, cursor: query.cursor, limit: query.limit });
    const infos = await this.infos(page.items);
    return { items: page.items.map((c, i) => ({ ...c, routing: infos[i] })), nextCursor: page.nextCursor };
  }

  async routingOf(user: AuthUser, conversationId: string): Promise<RoutingInfo> {
    const [info] = await this.infos([await this.conversations.get(user, conversationId)]);
    return info;
  }

  /** Hands the conversation to an agent and/or a team, with a private note for them; a team's policy picks an agent when none is named. */
  async transfer(user: AuthUser, conversationId: string, input: TransferInput): Promise<ConversationView> {
    const assigneeId = input.assigneeId !== undefined ? input.assigneeId : input.teamId ? null : undefined;
    await this.conversations.assign(user, conversationId, { assigneeId, teamId: input.teamId });
    if (input.note) await this.conversations.reply(user, conversationId, { text: input.note, private: true, attachments: [] });
    return this.conversations.get(user, conversationId);
  }

  private async infos(conversations: Array<ListedConversation | ConversationView>): Promise<RoutingInfo[]> {
    const policies = indexPolicies(await this.policies.enabled());
    const states = await this.state.many(conversations.map((c) => c.id));
    const now = new Date();
    return Promise.all(
      conversations.map(async (c) => {
        const { policy } = policyScopeOf(policies, c);
        const state = states.get(c.id);
        const waitingSince = c.status === 'open' && !c.assigneeId ? (state?.waitingSince ?? new Date(c.createdAt)) : null;
        const calendar = waitingSince ? Math.max(0, Math.round((now.getTime() - waitingSince.getTime()) / 1000)) : null;
        const business = waitingSince ? await this.hours.businessSeconds(c.inboxId, waitingSince, now) : null;
        return {
          policy: policy ? { id: policy.id, name: policy.name, kind: policy.kind, waitInBusinessHours: policy.waitInBusinessHours } : null,
          waitingSince: waitingSince?.toISOString() ?? null,
          waitingSeconds: policy?.waitInBusinessHours ? business : calendar,
          calendarWaitingSeconds: calendar,
          businessWaitingSeconds: business,
          offer: offerOf(state),
          triedUserIds: state?.triedUserIds ?? [],
          autoReplyPeriod: state?.autoReplyPeriod?.toISOString() ?? null,
        };
      }),
    );
  }
}

function offerOf(state: ConversationRouting | undefined): RoutingInfo['offer'] {
  if (!state?.offerUserId) return null;
  return { userId: state.offerUserId, offeredAt: state.offeredAt?.toISOString() ?? null, expiresAt: state.offerExpiresAt?.toISOString() ?? null };
}
