import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConversationViewExtensions, InboxEvents } from '@app/inbox';
import { TicketsService } from './tickets.service.js';

/** Conversation views carry their ticket; a ticket's closing follows its conversation's resolution. */
@Injectable()
export class TicketsEventsListener implements OnModuleInit {
  private readonly logger = new Logger('TicketsEvents');

  constructor(
    private readonly inboxEvents: InboxEvents,
    private readonly viewExtensions: ConversationViewExtensions,
    private readonly tickets: TicketsService,
  ) {}

  onModuleInit() {
    this.viewExtensions.register('ticket', (ids) => this.tickets.summaries(ids));
    this.inboxEvents.on('conversation.status_changed', async ({ conversation, previousStatus }) => {
      try {
        await this.tickets.conversationStatusChanged(conversation, previousStatus);
      } catch (error) {
        this.logger.error(`Following the status of conversation ${conversation.id} failed: ${(error as Error).message}`, (error as Error).stack);
      }
    });
  }
}
