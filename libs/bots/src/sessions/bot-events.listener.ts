import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DealEvents, type DealStageChanged } from '@app/crm';
import { ConversationAutomationService, InboxEvents, type InboxEventMap } from '@app/inbox';
import { RealtimeService } from '@app/realtime';
import type { Trigger } from '../bot-flow.contract.js';
import { BotFlowsService } from '../flows/bot-flows.service.js';
import { StaffBotService } from '../staff-bot/staff-bot.service.js';
import { BotRuntimeService } from './bot-runtime.service.js';

const SLA_KIND = {
  first_response: { ru: 'первый ответ', en: 'first response' },
  next_response: { ru: 'следующий ответ', en: 'next response' },
  resolution: { ru: 'решение', en: 'resolution' },
} as const;

/**
 * Where bots meet the rest of the product: a customer's message goes to the conversation's bot before
 * routing sees it; an agent's reply or assignment stops the bot; a deal entering a stage may start one;
 * an SLA breach is told to the assignee through the staff bot.
 */
@Injectable()
export class BotEventsListener implements OnModuleInit {
  private readonly logger = new Logger('BotEvents');
  /** Conversations opened by the message being handled now ("every new conversation" triggers). */
  private readonly opened = new Set<string>();

  constructor(
    private readonly inboxEvents: InboxEvents,
    private readonly dealEvents: DealEvents,
    private readonly runtime: BotRuntimeService,
    private readonly flows: BotFlowsService,
    private readonly automation: ConversationAutomationService,
    private readonly realtime: RealtimeService,
    private readonly staffBot: StaffBotService,
  ) {}

  onModuleInit() {
    // First: the bot takes the conversation (a routing hold) before routing would assign it.
    this.inboxEvents.on('conversation.created', ({ conversation }) => void this.opened.add(conversation.id), { first: true });
    this.inboxEvents.on('message.created', (event) => this.onMessage(event), { first: true });
    this.inboxEvents.on('conversation.assigned', (event) => this.onAssigned(event));
    this.dealEvents.onStageChanged((event) => this.onStage(event));
    this.realtime.onSlaAlert((type, payload) => {
      if (type === 'sla.breached' && 'assigneeId' in payload) void this.onSlaBreached(payload);
    });
  }

  private async onMessage({ message, conversation, hidden }: InboxEventMap['message.created']) {
    const isNew = this.opened.delete(conversation.id);
    // A blocked sender's (hidden) message starts and feeds nothing.
    if (hidden) return;
    if (message.messageType === 'incoming' && message.senderType === 'contact') {
      await this.runtime.onCustomerMessage(conversation, message, isNew);
    } else if (message.messageType === 'outgoing' && message.senderType === 'user') {
      await this.runtime.stop(conversation.id);
    }
  }

  private async onAssigned({ conversation, actorId }: InboxEventMap['conversation.assigned']) {
    if (actorId && conversation.assigneeId) await this.runtime.stop(conversation.id);
  }

  private async onStage({ deal }: DealStageChanged) {
    const matching = (await this.flows.triggerable()).filter(({ triggers }) => triggers.some((tr: Trigger) => tr.type === 'deal_stage' && tr.stageId === deal.stageId));
    if (matching.length === 0) return;
    const conversation = await this.automation.latestForDeal(deal.id, deal.contactId);
    if (!conversation) return;
    try {
      await this.runtime.start(conversation.id, matching[0].flow.id);
    } catch (error) {
      this.logger.warn(`Deal ${deal.id} entered a stage with a bot flow, which did not start: ${(error as Error).message}`);
    }
  }

  private async onSlaBreached(payload: { conversationId: string; kind: keyof typeof SLA_KIND; assigneeId: string | null; contactName: string | null }) {
    try {
      await this.staffBot.notifySlaBreach({ conversationId: payload.conversationId, userId: payload.assigneeId, contactName: payload.contactName ?? '—', what: SLA_KIND[payload.kind] });
    } catch (error) {
      this.logger.warn(`The staff bot could not tell about an SLA breach: ${(error as Error).message}`);
    }
  }
}
