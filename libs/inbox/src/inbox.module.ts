import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { UsersModule } from '@app/auth';
import { SecretBox } from '@app/common';
import { CrmModule } from '@app/crm';
import { RealtimeService } from '@app/realtime';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from './channel-adapters.port.js';
import { ConversationsController } from './conversations/conversations.controller.js';
import { ConversationsRepository } from './conversations/conversations.repository.js';
import { ConversationsService } from './conversations/conversations.service.js';
import { MessagesRepository } from './conversations/messages.repository.js';
import { WakeConversationJob } from './conversations/wake-conversation.job.js';
import { InboxEvents } from './inbox-events.js';
import { InboxMembersController } from './inbox-members.controller.js';
import { InboxMembersRepository } from './inbox-members.repository.js';
import { InboxMembersService } from './inbox-members.service.js';
import { InboxSettingsService } from './inbox-settings.service.js';
import { INBOX_SECRET_BOX } from './inbox.tokens.js';
import { InboxesController } from './inboxes.controller.js';
import { InboxesRepository } from './inboxes.repository.js';
import { InboxesService } from './inboxes.service.js';
import { ContactResolver } from './ingestion/contact-resolver.js';
import { IngestionService } from './ingestion/ingestion.service.js';
import { WebhooksController } from './ingestion/webhooks.controller.js';
import { DeliverMessageJob } from './outbox/deliver-message.job.js';
import { OutboxService } from './outbox/outbox.service.js';
import { UnitOfWork } from './unit-of-work.js';

export interface InboxModuleOptions extends Partial<InboxRuntimeOptions> {
  appSecret: string;
  /** The channel adapters, wired in by the application (libs never import an adapter). */
  adapters: ChannelAdapters;
}

/** Inboxes and their members, conversations and messages, the ingestion pipeline and the outbox. */
@Module({})
export class InboxModule implements OnModuleInit {
  constructor(
    private readonly realtime: RealtimeService,
    private readonly conversations: ConversationsRepository,
  ) {}

  static forRoot(options: InboxModuleOptions): DynamicModule {
    const runtime: InboxRuntimeOptions = { publicUrl: options.publicUrl, runsJobs: options.runsJobs ?? true, defaultLocale: options.defaultLocale ?? 'ru' };
    return {
      module: InboxModule,
      imports: [UsersModule, CrmModule],
      controllers: [InboxesController, InboxMembersController, ConversationsController, WebhooksController],
      providers: [
        { provide: INBOX_SECRET_BOX, useFactory: () => new SecretBox(options.appSecret) },
        { provide: CHANNEL_ADAPTERS, useValue: options.adapters },
        { provide: INBOX_RUNTIME, useValue: runtime },
        InboxSettingsService,
        InboxesRepository,
        InboxesService,
        InboxMembersRepository,
        InboxMembersService,
        InboxEvents,
        UnitOfWork,
        ConversationsRepository,
        MessagesRepository,
        ConversationsService,
        ContactResolver,
        IngestionService,
        OutboxService,
        DeliverMessageJob,
        WakeConversationJob,
      ],
      exports: [InboxesService, ConversationsService, IngestionService, InboxEvents],
    };
  }

  onModuleInit() {
    // Typing indicators and conversation rooms check access through the conversation's inbox.
    this.realtime.setConversationResolver((id) => this.conversations.inboxOf(id));
  }
}
