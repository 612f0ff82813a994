import { JobName, type JobBackoff, type JobOptions } from './job-queue.js';

export interface ResolvedJobOptions {
  jobId?: string;
  delayMs: number;
  attempts: number;
  backoff: JobBackoff;
}

/** Retry policy per job, in one place; a caller overrides it only where it has a reason to. */
export const DEFAULT_JOB_OPTIONS: Record<JobName, { attempts: number; backoff: JobBackoff }> = {
  [JobName.CampaignDispatch]: { attempts: 10, backoff: { type: 'exponential', delayMs: 2_000 } },
  [JobName.DeliverMessage]: { attempts: 8, backoff: { type: 'exponential', delayMs: 2_000 } },
  [JobName.WakeConversation]: { attempts: 5, backoff: { type: 'exponential', delayMs: 5_000 } },
  [JobName.RoutingOfferTimeout]: { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } },
  [JobName.AutomationWebhook]: { attempts: 6, backoff: { type: 'exponential', delayMs: 10_000 } },
  [JobName.SlaDue]: { attempts: 5, backoff: { type: 'exponential', delayMs: 5_000 } },
  [JobName.BotSessionTimeout]: { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } },
  [JobName.BotFlowStart]: { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } },
  [JobName.TicketDue]: { attempts: 5, backoff: { type: 'exponential', delayMs: 5_000 } },
  [JobName.TriggersSweep]: { attempts: 2, backoff: { type: 'fixed', delayMs: 30_000 } },
};

/** `backoffOverride` replaces the per-job default backoff (a caller's own backoff still wins). */
export function resolveJobOptions(name: JobName, options: JobOptions = {}, backoffOverride?: JobBackoff): ResolvedJobOptions {
  const defaults = DEFAULT_JOB_OPTIONS[name];
  return {
    jobId: options.jobId,
    delayMs: Math.max(0, options.delayMs ?? 0),
    attempts: Math.max(1, options.attempts ?? defaults.attempts),
    backoff: options.backoff ?? backoffOverride ?? defaults.backoff,
  };
}

/** The wait before the next attempt, computed as BullMQ does so both queues retry on the same schedule. */
export function backoffDelayMs(backoff: JobBackoff, attemptsMade: number): number {
  if (backoff.type === 'fixed') return backoff.delayMs;
  return 2 ** Math.max(0, attemptsMade - 1) * backoff.delayMs;
}
