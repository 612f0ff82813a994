export {
  JobName,
  RetryAfterError,
  PermanentJobError,
  type DeliverMessageJobData,
  type WakeConversationJobData,
  type JobBackoff,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type JobQueueLogger,
  type ProcessOptions,
} from './job-queue.js';
export { DEFAULT_JOB_OPTIONS } from './job-options.js';
export { InProcessJobQueue, type InProcessJobQueueOptions } from './in-process-job-queue.js';
export { BullMqJobQueue, type BullMqJobQueueOptions } from './bullmq-job-queue.js';
export { OnJob } from './on-job.decorator.js';
export { JOB_QUEUE, InjectJobQueue, RATE_LIMITER, InjectRateLimiter } from './queue.tokens.js';
export { type RateLimit, type RateLimiter } from './rate-limiter.js';
export { InProcessRateLimiter } from './in-process-rate-limiter.js';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './redis-rate-limiter.js';
export { QueueModule, type QueueModuleOptions } from './queue.module.js';
export { REQUIRED_JOBS } from './queue.tokens.js';
export { ReadCache, RedisInvalidationBus, type InvalidationBus, type ReadCacheOptions } from './read-cache.js';
