import { Inject } from '@nestjs/common';

/** The JobQueue (BullMQ on Redis, or in-process when embedded). */
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const InjectJobQueue = () => Inject(JOB_QUEUE);
