import { Module, type DynamicModule } from '@nestjs/common';
import { SecretBox } from '@app/common';
import { InboxMembersController } from './inbox-members.controller.js';
import { InboxMembersRepository } from './inbox-members.repository.js';
import { InboxMembersService } from './inbox-members.service.js';
import { InboxSettingsService } from './inbox-settings.service.js';
import { INBOX_SECRET_BOX } from './inbox.tokens.js';
import { InboxesController } from './inboxes.controller.js';
import { InboxesRepository } from './inboxes.repository.js';
import { InboxesService } from './inboxes.service.js';

export interface InboxModuleOptions {
  appSecret: string;
}

/** Inboxes (channel accounts) and their members; later conversations, messages, ingestion and the outbox. */
@Module({})
export class InboxModule {
  static forRoot(options: InboxModuleOptions): DynamicModule {
    return {
      module: InboxModule,
      controllers: [InboxesController, InboxMembersController],
      providers: [
        { provide: INBOX_SECRET_BOX, useFactory: () => new SecretBox(options.appSecret) },
        InboxSettingsService,
        InboxesRepository,
        InboxesService,
        InboxMembersRepository,
        InboxMembersService,
      ],
      exports: [InboxesService],
    };
  }
}
