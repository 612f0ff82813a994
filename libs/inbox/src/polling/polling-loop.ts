import { ChannelConfigError, ChannelError, type ChannelAdapter, type ChannelContext, type InboundEvent } from '@channel-adapters/core';
import type { Inbox } from '@app/db';
import type { SyncProgress, SyncState, SyncStatus } from './inbox-sync.repository.js';

export interface PollingTimings {
  /** How long a lease lasts without renewal: a process that dies is replaced after this. */
  leaseMs: number;
  /** The first wait after a failure; doubled on each further one. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /**
   * Refusals of the credentials in a row after which the loop stops until the inbox's settings
   * change: repeated failed logins get a mailbox locked by its provider.
   */
  maxAuthFailures: number;
}

export const DEFAULT_POLLING_TIMINGS: PollingTimings = { leaseMs: 60_000, minBackoffMs: 1_000, maxBackoffMs: 60_000, maxAuthFailures: 3 };

/** What one inbox's loop needs; the polling service binds it to the inbox and this process's lease owner name. */
export interface PollingLoopPorts {
  /** The inbox as it is now with its adapter, or undefined when it should no longer be polled (deleted, switched off, webhook mode). */
  load(): Promise<{ inbox: Inbox; adapter: ChannelAdapter & Required<Pick<ChannelAdapter, 'poll'>>; context: ChannelContext } | undefined>;
  acquire(leaseMs: number): Promise<SyncState | undefined>;
  saveProgress(cursor: unknown, leaseMs: number, progress?: SyncProgress): Promise<boolean>;
  /** `stoppedFor`: the settings version (the inbox's updatedAt) the loop gave up on; no loop polls it again until it changes. */
  saveFailure(status: SyncStatus, error: string, leaseMs: number, stoppedFor?: string): Promise<boolean>;
  release(): Promise<void>;
  ingest(inbox: Inbox, event: InboundEvent): Promise<unknown>;
  warn(message: string): void;
}

/**
 * Polls one inbox until stopped: takes the lease, fetches the updates after the stored cursor,
 * ingests them, and only then stores the new cursor, so a crash repeats a batch (deduplicated by
 * message ids) but never skips one. Failures back off (bounded) and show on the inbox.
 */
export class PollingLoop {
  private readonly controller = new AbortController();
  private settleLeased: (leased: boolean) => void = () => undefined;
  /** Whether the loop got the lease on its first try; false when another process polls or there is nothing to poll. */
  readonly leased = new Promise<boolean>((resolve) => (this.settleLeased = resolve));
  readonly done: Promise<void>;
  /** The updatedAt of the inbox as last loaded: which settings a failure is about. */
  private settingsVersion: string | undefined;

  constructor(
    private readonly ports: PollingLoopPorts,
    private readonly timings: PollingTimings = DEFAULT_POLLING_TIMINGS,
  ) {
    this.done = this.run();
  }

  /** Aborts a poll in flight and waits until the lease is given back. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.done;
  }

  private async run(): Promise<void> {
    const { signal } = this.controller;
    let failures = 0;
    let authFailures = 0;
    try {
      while (!signal.aborted) {
        try {
          if ((await this.pollOnce(signal)) === 'stop') return;
          failures = 0;
          authFailures = 0;
        } catch (error) {
          if (signal.aborted) return;
          failures += 1;
          authFailures = statusOf(error) === 'auth_failed' ? authFailures + 1 : 0;
          const giveUp = authFailures >= this.timings.maxAuthFailures;
          if ((await this.recordFailure(error, giveUp ? this.settingsVersion : undefined)) === 'stop' || giveUp) return;
          await abortableDelay(this.backoffMs(error, failures), signal);
        }
      }
    } finally {
      await this.ports.release().catch(() => undefined);
      this.settleLeased(false);
    }
  }

  private async pollOnce(signal: AbortSignal): Promise<'continue' | 'stop'> {
    const target = await this.ports.load();
    if (!target) return 'stop';
    const state = await this.ports.acquire(this.timings.leaseMs);
    // Another process reads this channel.
    if (!state) return 'stop';
    this.settingsVersion = target.inbox.updatedAt.toISOString();
    // Given up on these very settings (refused credentials): only an administrator's change resumes it.
    if (state.stoppedFor === this.settingsVersion) return 'stop';
    this.settleLeased(true);
    const { events, cursor, progress } = await target.adapter.poll(target.context, state.cursor, signal);
    for (const event of events) await this.ports.ingest(target.inbox, event);
    return (await this.ports.saveProgress(cursor, this.timings.leaseMs, progress)) ? 'continue' : 'stop';
  }

  private async recordFailure(error: unknown, stoppedFor?: string): Promise<'continue' | 'stop'> {
    const reason = describe(error);
    this.ports.warn(reason);
    try {
      return (await this.ports.saveFailure(statusOf(error), reason, this.timings.leaseMs, stoppedFor)) ? 'continue' : 'stop';
    } catch {
      // The database itself may be what failed: keep trying after the backoff.
      return 'continue';
    }
  }

  private backoffMs(error: unknown, failures: number): number {
    if (error instanceof ChannelError && error.kind === 'rate_limited' && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, this.timings.maxBackoffMs);
    return Math.min(this.timings.maxBackoffMs, this.timings.minBackoffMs * 2 ** (failures - 1));
  }
}

/** Credentials or settings the channel refuses will not fix themselves; an administrator must act. */
function statusOf(error: unknown): SyncStatus {
  if (error instanceof ChannelConfigError) return 'auth_failed';
  if (error instanceof ChannelError && error.kind === 'permanent') return 'auth_failed';
  return 'retrying';
}

function describe(error: unknown): string {
  if (error instanceof ChannelError || error instanceof ChannelConfigError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
