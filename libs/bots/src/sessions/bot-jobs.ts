import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainException } from '@app/common';
import { ConversationAutomationService } from '@app/inbox';
import { JobName, OnJob } from '@app/queue';
import { BotRuntimeService, type BotSessionTimeoutJobData } from './bot-runtime.service.js';

export type { BotSessionTimeoutJobData };

export interface BotFlowStartJobData {
  flowId: string;
  conversationId: string | null;
  dealId: string | null;
}

const SWEEP_MS = 60_000;

export interface BotJobsOptions {
  runsJobs: boolean;
}
export const BOT_JOBS_OPTIONS = Symbol('BOT_JOBS_OPTIONS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class BotJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BotJobs');
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: BotRuntimeService,
    private readonly automation: ConversationAutomationService,
    @Inject(BOT_JOBS_OPTIONS) private readonly options: BotJobsOptions,
  ) {}

  onApplicationBootstrap() {
    if (!this.options.runsJobs) return;
    this.sweeper = setInterval(() => {
      this.runtime.sweepExpired().catch((error) => this.logger.warn(`Sweeping expired bot sessions failed: ${(error as Error).message}`));
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.sweeper);
  }

  @OnJob(JobName.BotSessionTimeout)
  async timeout(data: BotSessionTimeoutJobData): Promise<void> {
    await this.runtime.timeout(data);
  }

  /** An automation rule's "start a bot flow": a flow that is missing or unpublished is logged, not retried. */
  @OnJob(JobName.BotFlowStart)
  async start({ flowId, conversationId, dealId }: BotFlowStartJobData): Promise<void> {
    if (!UUID.test(flowId)) {
      this.logger.warn(`An automation rule names the bot flow "${flowId}", which is not a flow id`);
      return;
    }
    const conversation = conversationId ? await this.automation.find(conversationId) : dealId ? await this.automation.latestForDeal(dealId, null) : undefined;
    if (!conversation) return;
    try {
      await this.runtime.start(conversation.id, flowId);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn(`The bot flow ${flowId} did not start in conversation ${conversation.id}: ${error.code}`);
    }
  }
}
