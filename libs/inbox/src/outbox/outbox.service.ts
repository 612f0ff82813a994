import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import { INBOX_RUNTIME, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { MessagesRepository } from '../conversations/messages.repository.js';

const SWEEP_INTERVAL_MS = 30_000;
const SWEEP_BATCH = 500;

/**
 * The transactional outbox: a reply is committed as `queued` with the conversation change; only then
 * is a delivery job (carrying the message id) enqueued. If enqueueing fails or a process dies, the
 * sweep finds the queued rows again (at start-up and every half minute); the job id equal to the
 * message id keeps a message from being queued twice.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectJobQueue() private readonly queue: JobQueue,
    private readonly messages: MessagesRepository,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  async enqueue(messageId: string): Promise<void> {
    try {
      await this.queue.add(JobName.DeliverMessage, { messageId }, { jobId: messageId });
    } catch (error) {
      // The row stays queued; the next sweep enqueues it again.
      this.logger.warn(`Could not enqueue delivery of ${messageId}: ${(error as Error).message}`);
    }
  }

  async onApplicationBootstrap() {
    if (!this.runtime.runsJobs) return;
    await this.sweep(new Date());
    this.timer = setInterval(() => void this.sweep(new Date(Date.now() - SWEEP_INTERVAL_MS)), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  /** Enqueues every message still queued and last touched before `olderThan`. */
  async sweep(olderThan: Date): Promise<number> {
    try {
      const ids = await this.messages.queuedIds(olderThan, SWEEP_BATCH);
      for (const id of ids) await this.enqueue(id);
      if (ids.length) this.logger.log(`Re-enqueued ${ids.length} queued message(s)`);
      return ids.length;
    } catch (error) {
      this.logger.warn(`Outbox sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
