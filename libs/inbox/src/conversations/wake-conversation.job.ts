import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, OnJob, type WakeConversationJobData } from '@app/queue';
import { INBOX_RUNTIME, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { ConversationsRepository } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';

/** Reopens snoozed conversations when their time comes; at start-up it catches up on any it missed. */
@Injectable()
export class WakeConversationJob implements OnApplicationBootstrap {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly repository: ConversationsRepository,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  @OnJob(JobName.WakeConversation)
  async handle({ conversationId }: WakeConversationJobData): Promise<void> {
    await this.conversations.wake(conversationId);
  }

  async onApplicationBootstrap() {
    if (!this.runtime.runsJobs) return;
    for (const id of await this.repository.dueSnoozed(new Date())) await this.conversations.wake(id);
  }
}
