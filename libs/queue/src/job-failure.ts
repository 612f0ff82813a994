import { PermanentJobError, RetryAfterError, type JobContext, type JobQueueLogger } from './job-queue.js';

export type FailureOutcome =
  | { kind: 'retry-after'; delayMs: number }
  | { kind: 'retry' }
  | { kind: 'give-up'; reason: 'permanent' | 'exhausted' };

/** What both queues do with an error thrown by a handler. */
export function failureOutcome(error: unknown, ctx: JobContext): FailureOutcome {
  if (error instanceof RetryAfterError) return { kind: 'retry-after', delayMs: Math.max(0, error.delayMs) };
  if (error instanceof PermanentJobError) return { kind: 'give-up', reason: 'permanent' };
  return ctx.attempt < ctx.maxAttempts ? { kind: 'retry' } : { kind: 'give-up', reason: 'exhausted' };
}

const MESSAGES = {
  retry: 'Job failed; it will be retried',
  permanent: 'Job failed permanently; it will not be retried',
  exhausted: 'Job failed on its last attempt; it will not be retried',
};

export function logFailure(logger: JobQueueLogger, ctx: JobContext, error: unknown, outcome: FailureOutcome): void {
  // Waiting out a channel's rate limit is normal operation, not a failure.
  if (outcome.kind === 'retry-after') return;
  const message = outcome.kind === 'retry' ? MESSAGES.retry : MESSAGES[outcome.reason];
  try {
    logger.warn({ job: ctx.name, jobId: ctx.jobId, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, err: error }, message);
  } catch {
    // A broken logger must not take the queue down with it.
  }
}
