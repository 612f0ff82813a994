import { SetMetadata } from '@nestjs/common';
import type { JobName, ProcessOptions } from './job-queue.js';

export const ON_JOB_METADATA = 'omnibox:on-job';

export interface OnJobMetadata extends ProcessOptions {
  name: JobName;
}

/** Marks a provider method as the one handler of a job; the worker process registers it at start-up. */
export const OnJob = (name: JobName, options: ProcessOptions = {}): MethodDecorator => SetMetadata(ON_JOB_METADATA, { name, ...options } satisfies OnJobMetadata);
