import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { assertOneHandlerPerJob } from './job-handler.explorer.js';
import { JobName, type DeliverMessageJobData, type JobContext, type JobQueue } from './job-queue.js';
import { OnJob } from './on-job.decorator.js';
import { QueueModule } from './queue.module.js';
import { JOB_QUEUE } from './queue.tokens.js';

const silent = { warn: () => undefined };

function appWith(providers: Type[], runProcessors: boolean) {
  @Module({ imports: [QueueModule.forRoot({ runProcessors, logger: silent, jobs: [JobName.DeliverMessage] })], providers })
  class TestModule {}
  return NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
}

@Injectable()
class DeliveryJob {
  @OnJob(JobName.DeliverMessage)
  async deliver(_data: DeliverMessageJobData) {}
}

@Injectable()
class SecondDeliveryJob {
  @OnJob(JobName.DeliverMessage)
  async deliverAgain(_data: DeliverMessageJobData) {}
}

describe('JobHandlerExplorer', () => {
  it('refuses to start when two providers handle the same job', async () => {
    await expect(appWith([DeliveryJob, SecondDeliveryJob], true)).rejects.toThrow(
      'job "deliver-message" has 2 handlers (DeliveryJob.deliver, SecondDeliveryJob.deliverAgain): keep exactly one @OnJob(JobName.DeliverMessage)',
    );
  });

  it('refuses to start when a job has no handler', async () => {
    await expect(appWith([], true)).rejects.toThrow('job "deliver-message" has no handler: decorate one provider method with @OnJob(JobName.DeliverMessage)');
  });

  it('starts without handlers when the process only enqueues', async () => {
    const app = await appWith([], false);
    try {
      expect(app.get<JobQueue>(JOB_QUEUE)).toBeInstanceOf(InProcessJobQueue);
    } finally {
      await app.close();
    }
  });

  it('runs a job through the decorated method, bound to its provider', async () => {
    let received!: (value: { data: DeliverMessageJobData; ctx: JobContext; sender: string }) => void;
    const delivered = new Promise<{ data: DeliverMessageJobData; ctx: JobContext; sender: string }>((resolve) => (received = resolve));

    @Injectable()
    class BoundDeliveryJob {
      private readonly sender = 'telegram';

      @OnJob(JobName.DeliverMessage, { concurrency: 1 })
      async deliver(data: DeliverMessageJobData, ctx: JobContext) {
        received({ data, ctx, sender: this.sender });
      }
    }

    const app = await appWith([BoundDeliveryJob], true);
    try {
      await app.get<JobQueue>(JOB_QUEUE).add(JobName.DeliverMessage, { messageId: 'm1' }, { jobId: 'm1' });
      const { data, ctx, sender } = await delivered;

      expect(data).toEqual({ messageId: 'm1' });
      expect(ctx).toMatchObject({ name: JobName.DeliverMessage, jobId: 'm1', attempt: 1 });
      expect(sender).toBe('telegram');
    } finally {
      await app.close();
    }
  });

  it('reports every problem at once', () => {
    expect(() => assertOneHandlerPerJob([], [JobName.DeliverMessage])).toThrow(/^Job processors cannot start: job "deliver-message" has no handler/);
    expect(() => assertOneHandlerPerJob([{ name: JobName.DeliverMessage, source: 'DeliveryJob.deliver' }], [JobName.DeliverMessage])).not.toThrow();
    expect(() => assertOneHandlerPerJob([{ name: JobName.DeliverMessage, source: 'DeliveryJob.deliver' }])).toThrow(/wake-conversation" has no handler/);
  });
});
