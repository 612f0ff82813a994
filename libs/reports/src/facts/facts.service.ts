import { Injectable } from '@nestjs/common';
import type { Conversation, ConversationFactsRow, Message } from '@app/db';
import { InboxesService } from '@app/inbox';
import { BusinessHoursService } from '@app/routing';
import { FactsRepository } from './facts.repository.js';

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** Whether a message is a person of the team answering the customer (bots and notes are not). */
export const isAgentReply = (m: Pick<Message, 'messageType' | 'senderType'>) => m.messageType === 'outgoing' && m.senderType === 'user';
export const isCustomerMessage = (m: Pick<Message, 'messageType' | 'senderType'>) => m.messageType === 'incoming' && m.senderType === 'contact';

/**
 * Keeps the report rollups current from inbox events: one facts row per conversation, one row per reply
 * that answered a waiting customer, and hourly message counters. Reports read only these.
 */
@Injectable()
export class FactsService {
  private readonly channels = new Map<string, string>();

  constructor(
    private readonly facts: FactsRepository,
    private readonly inboxes: InboxesService,
    private readonly hours: BusinessHoursService,
  ) {}

  private backfilled: Promise<void> | null = null;

  /** Once per process, before the first report or dashboard: conversations without facts get them. */
  ensureBackfilled(): Promise<void> {
    this.backfilled ??= this.facts.backfillMissing().then(
      () => undefined,
      (error: unknown) => {
        this.backfilled = null;
        throw error;
      },
    );
    return this.backfilled;
  }

  async conversationStarted(c: Conversation): Promise<ConversationFactsRow> {
    return this.facts.ensure(await this.startValues(c));
  }

  private async startValues(c: Conversation) {
    return {
      conversationId: c.id,
      inboxId: c.inboxId,
      channel: await this.channelOf(c.inboxId),
      teamId: c.teamId,
      assigneeId: c.assigneeId,
      labels: c.labels,
      openedAt: c.createdAt,
      status: c.status,
    };
  }

  async messageCreated(c: Conversation, m: Message): Promise<void> {
    const channel = await this.channelOf(c.inboxId);
    if (isCustomerMessage(m)) {
      await this.facts.countIncoming(await this.startValues(c), m.createdAt);
      return;
    }
    if (m.messageType !== 'outgoing') return;
    const facts = await this.conversationStarted(c);
    await this.facts.countHourly(m.createdAt, c.inboxId, channel, m.senderType === 'user' ? m.senderId : null, 'outgoing');
    if (m.senderType === 'bot') return this.facts.countBotReply(c.id);
    if (!isAgentReply(m)) return;
    const at = m.createdAt;
    const waited = facts.awaitingSince;
    const first = facts.firstResponseAt
      ? {}
      : { firstResponseAt: at, firstResponseSeconds: seconds(facts.openedAt, at), firstResponseBusinessSeconds: await this.hours.businessSeconds(c.inboxId, facts.openedAt, at) };
    const reply = waited
      ? { conversationId: c.id, repliedAt: at, agentId: m.senderId, inboxId: c.inboxId, channel, teamId: c.teamId, labels: c.labels, seconds: seconds(waited, at), businessSeconds: await this.hours.businessSeconds(c.inboxId, waited, at) }
      : null;
    await this.facts.countAgentReply(c.id, { ...first, assigneeId: c.assigneeId, teamId: c.teamId, labels: c.labels }, reply);
  }

  async assigned(c: Conversation): Promise<void> {
    const facts = await this.conversationStarted(c);
    await this.facts.update(c.id, { assigneeId: c.assigneeId, teamId: c.teamId, labels: c.labels, status: c.status, botHandoff: facts.botHandoff || (facts.botReplied && c.assigneeId !== null) });
  }

  async statusChanged(c: Conversation, previous: Conversation['status']): Promise<void> {
    const facts = await this.conversationStarted(c);
    if (c.status === 'resolved') {
      const at = c.resolvedAt ?? new Date();
      await this.facts.update(c.id, {
        resolvedAt: at,
        resolutionSeconds: seconds(facts.openedAt, at),
        resolutionBusinessSeconds: await this.hours.businessSeconds(c.inboxId, facts.openedAt, at),
        botResolved: facts.botReplied && facts.replies === 0 && !facts.botHandoff && c.assigneeId === null,
        assigneeId: c.assigneeId,
        teamId: c.teamId,
        labels: c.labels,
        awaitingSince: null,
        status: c.status,
      });
    } else if (previous === 'resolved') {
      await this.facts.update(c.id, { resolvedAt: null, resolutionSeconds: null, resolutionBusinessSeconds: null, botResolved: false, status: c.status });
    } else {
      await this.facts.update(c.id, { status: c.status });
    }
  }

  private async channelOf(inboxId: string): Promise<string> {
    let channel = this.channels.get(inboxId);
    if (!channel) {
      channel = (await this.inboxes.findOrThrow(inboxId)).type;
      this.channels.set(inboxId, channel);
    }
    return channel;
  }
}
