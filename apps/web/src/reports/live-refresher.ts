import type { LiveEventType } from '../api/types.js';

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Reloads a view after bursts of live events: one load per quiet `delayMs`, at the latest `maxWaitMs`
 * after the first event of a burst (a busy hour must not freeze the screen), and never two loads at
 * once; an event that arrives during a load schedules one more after it.
 */
export class LiveRefresher {
  private timer: unknown = null;
  private burstStartedAt: number | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly load: () => Promise<unknown>,
    private readonly delayMs = 500,
    private readonly maxWaitMs = 3000,
    private readonly timers: Timers = browserTimers,
    private readonly clock: () => number = Date.now,
  ) {}

  trigger() {
    if (this.stopped) return;
    const now = this.clock();
    this.burstStartedAt ??= now;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.burstStartedAt + this.maxWaitMs - now));
    this.timer = this.timers.setTimeout(() => void this.fire(), wait);
  }

  /** Loads at once, dropping a scheduled load (a resync or a changed filter). */
  async now(): Promise<void> {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    await this.fire();
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async fire(): Promise<void> {
    this.timer = null;
    this.burstStartedAt = null;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.load();
    } catch {
      // The view shows its own error; the next event tries again.
    } finally {
      this.running = false;
    }
    if (this.again && !this.stopped) {
      this.again = false;
      await this.fire();
    }
  }
}

/** Live events that change what the dashboard counts. */
export function changesDashboard(type: LiveEventType): boolean {
  return type === 'presence' || type === 'message.created' || type.startsWith('conversation.') || type.startsWith('sla.');
}
