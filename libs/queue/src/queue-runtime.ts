import type { JobName, JobQueueLogger } from './job-queue.js';

/** What both JobQueue implementations take besides their storage. */
export interface QueueRuntimeOptions {
  logger?: JobQueueLogger;
  /** Jobs of one name running at once in this process unless process() says otherwise. */
  defaultConcurrency?: number;
  /** How long close() waits for running handlers. */
  closeTimeoutMs?: number;
}

export function queueRuntime(options: QueueRuntimeOptions): Required<QueueRuntimeOptions> {
  return {
    logger: options.logger ?? { warn: () => undefined },
    defaultConcurrency: options.defaultConcurrency ?? 4,
    closeTimeoutMs: options.closeTimeoutMs ?? 10_000,
  };
}

export function assertOpen(closed: boolean): void {
  if (closed) throw new Error('The job queue is closed');
}

export function assertCanRegister(name: JobName, state: { started: boolean; registered: boolean }): void {
  if (state.started) throw new Error(`Register the handler for job "${name}" before start()`);
  if (state.registered) throw new Error(`Job "${name}" already has a handler`);
}
