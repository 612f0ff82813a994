import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { UsersModule } from '@app/auth';
import { SecretBox } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ContactErasure, CrmModule } from '@app/crm';
import { RealtimeService } from '@app/realtime';
import { ConversationViewExtensions } from './conversations/conversation-view-extensions.js';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type ChannelAdaptersFactory, type InboxRuntimeOptions } from './channel-adapters.port.js';
import { AttachmentUrls } from './attachments/attachment-urls.js';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { AttachmentsRepository } from './attachments/attachments.repository.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import { FileStorage } from './attachments/file-storage.service.js';
import { CallEventsService } from './calls/call-events.service.js';
import { CallRecordingsService } from './calls/call-recordings.service.js';
import { CallsController } from './calls/calls.controller.js';
import { CallsRepository } from './calls/calls.repository.js';
import { ChannelConnector } from './channels/channel-connector.js';
import { AssignmentQueriesRepository } from './conversations/assignment-queries.repository.js';
import { ConversationAutomationService } from './conversations/conversation-automation.service.js';
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
import { ATTACHMENT_URLS, INBOX_SECRET_BOX } from './inbox.tokens.js';
import { InboxesController } from './inboxes.controller.js';
import { InboxesRepository } from './inboxes.repository.js';
import { InboxesService } from './inboxes.service.js';
import { ContactResolver } from './ingestion/contact-resolver.js';
import { AttachmentIntake } from './ingestion/attachment-intake.js';
import { INBOUND_FILTER, InboundFilterSlot } from './ingestion/inbound-filter.js';
import { IngestionService } from './ingestion/ingestion.service.js';
import { WebhooksController } from './ingestion/webhooks.controller.js';
import { DeliverMessageJob } from './outbox/deliver-message.job.js';
import { OutboxService } from './outbox/outbox.service.js';
import { ChannelPollingService } from './polling/channel-polling.service.js';
import { InboxSyncRepository } from './polling/inbox-sync.repository.js';
import { UnitOfWork } from './unit-of-work.js';
import { VisitorTokens } from './webchat/visitor-tokens.js';
import { WebchatConfigController } from './webchat/webchat-config.controller.js';
import { WebchatVisitorTransport } from './webchat/webchat-visitor.transport.js';
import { WebchatVisitorsService } from './webchat/webchat-visitors.service.js';
import { WebchatGateway } from './webchat/webchat.gateway.js';
import { WebchatRepository } from './webchat/webchat.repository.js';
import { ContactDataController } from './contact-data/contact-data.controller.js';
import { ContactDataRepository } from './contact-data/contact-data.repository.js';
import { ContactDataService } from './contact-data/contact-data.service.js';

export interface InboxModuleOptions extends Partial<InboxRuntimeOptions> {
  appSecret: string;
  /** The channel adapters, wired in by the application (libs never import an adapter); a factory receives the inbox's ports. */
  adapters: ChannelAdapters | ChannelAdaptersFactory;
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
      // Routing, templates and bots work with conversations through the exported services.
      global: true,
      imports: [UsersModule, CrmModule],
      controllers: [InboxesController, InboxMembersController, ConversationsController, WebhooksController, WebchatConfigController, AttachmentsController, CallsController, ContactDataController],
      providers: [
        ConversationViewExtensions,
        { provide: INBOX_SECRET_BOX, useFactory: () => new SecretBox(options.appSecret) },
        {
          provide: WebchatVisitorTransport,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => new WebchatVisitorTransport(config.REDIS_URL),
        },
        {
          provide: CHANNEL_ADAPTERS,
          inject: [WebchatVisitorTransport],
          useFactory: (webchat: WebchatVisitorTransport) => (typeof options.adapters === 'function' ? options.adapters({ webchat }) : options.adapters),
        },
        { provide: VisitorTokens, useFactory: () => new VisitorTokens(options.appSecret) },
        { provide: INBOX_RUNTIME, useValue: runtime },
        { provide: ATTACHMENT_URLS, useFactory: () => new AttachmentUrls(options.appSecret) },
        FileStorage,
        ContactDataRepository,
        ContactDataService,
        // The contacts route of the CRM erases through this.
        { provide: ContactErasure, useExisting: ContactDataService },
        AttachmentsRepository,
        AttachmentsService,
        AttachmentIntake,
        ChannelConnector,
        InboxSyncRepository,
        ChannelPollingService,
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
        AssignmentQueriesRepository,
        ConversationAutomationService,
        InboundFilterSlot,
        { provide: INBOUND_FILTER, useExisting: InboundFilterSlot },
        ContactResolver,
        CallsRepository,
        CallEventsService,
        CallRecordingsService,
        IngestionService,
        OutboxService,
        DeliverMessageJob,
        WakeConversationJob,
        WebchatRepository,
        WebchatVisitorsService,
        WebchatGateway,
      ],
      exports: [ConversationViewExtensions, InboxesService, ConversationsService, ConversationAutomationService, IngestionService, InboxEvents, WebchatVisitorsService, INBOUND_FILTER, CHANNEL_ADAPTERS],
    };
  }

  onModuleInit() {
    // Typing indicators and conversation rooms check access through the conversation's inbox.
    this.realtime.setConversationResolver((id) => this.conversations.inboxOf(id));
  }
}
