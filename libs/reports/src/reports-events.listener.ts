import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DealEvents, type DealStageChanged } from '@app/crm';
import { ConversationViewExtensions, InboxEvents, type InboxEventMap } from '@app/inbox';
import { ReportsClock } from './clock.js';
import { CsatService, isRatingMessage } from './csat/csat.service.js';
import { DealStagesRepository } from './facts/deal-stages.repository.js';
import { FactsService, isAgentReply, isCustomerMessage } from './facts/facts.service.js';
import { SlaClockService } from './sla/sla-clock.service.js';

/**
 * Follows the inbox and the deals after each committed change: report rollups, SLA clocks, rating
 * requests, deal stage history. Each step fails alone; none can undo the change it follows.
 */
@Injectable()
export class ReportsEventsListener implements OnModuleInit {
  private readonly logger = new Logger('ReportsEvents');

  constructor(
    private readonly inboxEvents: InboxEvents,
    private readonly dealEvents: DealEvents,
    private readonly facts: FactsService,
    private readonly sla: SlaClockService,
    private readonly csat: CsatService,
    private readonly dealStages: DealStagesRepository,
    private readonly clock: ReportsClock,
    private readonly viewExtensions: ConversationViewExtensions,
  ) {}

  onModuleInit() {
    // Conversation views carry their SLA clocks and rating, a page at a time.
    this.viewExtensions.register('sla', (ids) => this.sla.views(ids));
    this.viewExtensions.register('rating', (ids) => this.csat.views(ids));
    this.inboxEvents.on('conversation.created', ({ conversation }) => this.onCreated(conversation));
    this.inboxEvents.on('message.created', (event) => this.onMessage(event));
    this.inboxEvents.on('conversation.assigned', ({ conversation }) => this.onAssigned(conversation));
    this.inboxEvents.on('conversation.status_changed', (event) => this.onStatus(event));
    this.dealEvents.onStageChanged((event) => this.onDealMoved(event));
  }

  private async onCreated(conversation: InboxEventMap['conversation.created']['conversation']) {
    await this.step('facts', () => this.facts.conversationStarted(conversation));
    await this.step('sla', () => this.sla.conversationStarted(conversation));
  }

  /** A team set by assignment may bring a conversation under a policy it did not match when it opened. */
  private async onAssigned(conversation: InboxEventMap['conversation.assigned']['conversation']) {
    await this.step('facts', () => this.facts.assigned(conversation));
    if (conversation.status !== 'resolved') await this.step('sla', () => this.sla.conversationStarted(conversation));
  }

  private async onMessage({ message, conversation, hidden }: InboxEventMap['message.created']) {
    if (hidden) {
      await this.step('rating answer', () => this.csat.answerStored(conversation, message));
      return;
    }
    if (isRatingMessage(message)) return;
    await this.step('facts', () => this.facts.messageCreated(conversation, message));
    if (isCustomerMessage(message)) await this.step('sla', () => this.sla.customerWrote(conversation, message.createdAt));
    if (isAgentReply(message)) await this.step('sla', () => this.sla.agentReplied(conversation, message.createdAt));
  }

  private async onStatus({ conversation, previousStatus }: InboxEventMap['conversation.status_changed']) {
    await this.step('facts', () => this.facts.statusChanged(conversation, previousStatus));
    if (conversation.status !== 'resolved' || previousStatus === 'resolved') return;
    await this.step('sla', () => this.sla.resolved(conversation, conversation.resolvedAt ?? this.clock.now()));
    await this.step('rating request', () => this.csat.resolved(conversation));
  }

  private async onDealMoved({ deal, previousStageId }: DealStageChanged) {
    await this.step('deal stages', () => this.dealStages.moved(deal, previousStageId, this.clock.now()));
  }

  private async step(name: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`${name} failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}
