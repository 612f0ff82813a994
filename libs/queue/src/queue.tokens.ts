import { Inject } from '@nestjs/common';

/** The JobQueue (BullMQ on Redis, or in-process when embedded). */
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const InjectJobQueue = () => Inject(JOB_QUEUE);

/** The jobs a processing process must handle: every JobName unless the module was told otherwise. */
export const REQUIRED_JOBS = Symbol('REQUIRED_JOBS');

/** The RateLimiter (on Redis when the queue is, in-process otherwise). */
export const RATE_LIMITER = Symbol('RATE_LIMITER');
export const InjectRateLimiter = () => Inject(RATE_LIMITER);
