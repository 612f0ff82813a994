import type { JobBackoff, JobName, JobQueueLogger } from './job-queue.js';

/** What both JobQueue implementations take besides their storage. */
export interface QueueRuntimeOptions {
  logger?: JobQueueLogger;
  /** Jobs of one name running at once in this process unless process() says otherwise. */
  defaultConcurrency?: number;
  /** How long close() waits for running handlers. */
  closeTimeoutMs?: number;
  /** Replaces every job's default backoff; end-to-end tests use it so that retries take milliseconds. */
  backoffOverride?: JobBackoff;
}

export type QueueRuntime = Required<Omit<QueueRuntimeOptions, 'backoffOverride'>> & Pick<QueueRuntimeOptions, 'backoffOverride'>;

export function queueRuntime(options: QueueRuntimeOptions): QueueRuntime {
  return {
    logger: options.logger ?? { warn: () => undefined },
    defaultConcurrency: options.defaultConcurrency ?? 4,
    closeTimeoutMs: options.closeTimeoutMs ?? 10_000,
    backoffOverride: options.backoffOverride,
  };
}

export function assertOpen(closed: boolean): void {
  if (closed) throw new Error('The job queue is closed');
}

export function assertCanRegister(name: JobName, state: { started: boolean; registered: boolean }): void {
  if (state.started) throw new Error(`Register the handler for job "${name}" before start()`);
  if (state.registered) throw new Error(`Job "${name}" already has a handler`);
}
