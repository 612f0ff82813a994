import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DealEvents } from '@app/crm';
import { InboxEvents, type InboxEventMap } from '@app/inbox';
import { AssignmentService } from './assignment/assignment.service.js';
import { AutomationEngine } from './automation/automation-engine.js';
import { OutOfHoursReplyService } from './business-hours/out-of-hours-reply.service.js';
import { PresenceService } from './presence/presence.service.js';

/**
 * What routing does after each change of the inbox, in this order: a customer's message gets the
 * out-of-hours reply, then the automation rules, then automatic assignment. Hidden messages (blocked
 * senders, floods) set off nothing.
 */
@Injectable()
export class RoutingEventsListener implements OnModuleInit {
  private readonly logger = new Logger('RoutingEvents');

  constructor(
    private readonly inboxEvents: InboxEvents,
    private readonly dealEvents: DealEvents,
    private readonly assignment: AssignmentService,
    private readonly automation: AutomationEngine,
    private readonly outOfHours: OutOfHoursReplyService,
    private readonly presence: PresenceService,
  ) {}

  onModuleInit() {
    this.inboxEvents.on('conversation.created', ({ conversation }) => this.automation.handle('conversation.created', { conversation }));
    this.inboxEvents.on('message.created', (event) => this.onMessage(event));
    this.inboxEvents.on('conversation.assigned', (event) => this.onAssigned(event));
    this.inboxEvents.on('conversation.status_changed', (event) => this.onStatus(event));
    this.dealEvents.onStageChanged(({ deal }) => this.automation.handle('deal.stage_changed', { deal }));
  }

  private async onMessage({ message, conversation, contact, hidden }: InboxEventMap['message.created']) {
    if (hidden) return;
    const fromCustomer = message.messageType === 'incoming' && message.senderType === 'contact';
    if (fromCustomer) await this.step('out-of-hours reply', () => this.outOfHours.onIncoming(conversation, contact));
    if (message.senderType === 'user' && message.senderId) {
      if (message.messageType === 'outgoing') await this.assignment.answered(conversation.id, message.senderId);
      await this.presence.activity(message.senderId);
    }
    await this.step('automation rules', () => this.automation.handle('message.created', { conversation, message, contact }));
    if (fromCustomer && conversation.status === 'open' && !conversation.assigneeId) await this.assignment.route(conversation.id);
  }

  private async onAssigned({ conversation, previousAssigneeId, actorId }: InboxEventMap['conversation.assigned']) {
    if (actorId) await this.assignment.takenOver(conversation.id);
    await this.step('automation rules', () => this.automation.handle('conversation.assigned', { conversation }));
    if (previousAssigneeId && previousAssigneeId !== conversation.assigneeId) await this.assignment.drain();
    if (!conversation.assigneeId && conversation.status === 'open') await this.assignment.route(conversation.id);
  }

  private async onStatus({ conversation, previousStatus, actorId }: InboxEventMap['conversation.status_changed']) {
    if (actorId || conversation.status !== 'open') await this.assignment.takenOver(conversation.id);
    await this.step('automation rules', () => this.automation.handle('conversation.status_changed', { conversation }));
    if (previousStatus === 'open' && conversation.assigneeId) await this.assignment.drain();
    if (conversation.status === 'open' && !conversation.assigneeId) await this.assignment.route(conversation.id);
  }

  /** One step failing (a rule, the auto-reply) must not keep the conversation from being assigned. */
  private async step(name: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`${name} failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}
