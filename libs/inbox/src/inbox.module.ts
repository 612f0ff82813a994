import { Module, type DynamicModule } from '@nestjs/common';

export interface InboxModuleOptions {
  appSecret: string;
}

/** Inboxes (channel accounts); later conversations, messages, ingestion and the outbox. */
@Module({})
export class InboxModule {
  static forRoot(_options: InboxModuleOptions): DynamicModule {
    return { module: InboxModule };
  }
}
