import type { InboxType } from '@app/db';

/** How often a running campaign hands its next small batch to the outbox: several times a second, so sends arrive evenly. */
export const TICK_MS = 250;
const TICKS_PER_SECOND = 1_000 / TICK_MS;
/** How often a campaign with everything handed over looks whether the last messages have left. */
export const SETTLE_CHECK_MS = 2_000;
/** Contacts copied from the segment per step. */
export const EXPANSION_PAGE = 500;

/**
 * Messages per second, a little under each channel's own send limit (Telegram 30 a second per bot, VK 20
 * per community), so that agents' replies through the same bot still find room. The outbox is also only
 * topped up to one second of sending: a broadcast never queues more than that in front of a reply.
 */
const PER_SECOND: Partial<Record<InboxType, number>> = { telegram: 24, vk: 16, email: 4, sms: 4 };
const DEFAULT_PER_SECOND = 4;

export function perSecondFor(type: InboxType): number {
  return PER_SECOND[type] ?? DEFAULT_PER_SECOND;
}

/** How many more to hand over in this tick, given how many of the campaign's messages are still waiting to leave. */
export function roomFor(type: InboxType, inFlight: number): number {
  const perSecond = perSecondFor(type);
  return Math.max(0, Math.min(Math.ceil(perSecond / TICKS_PER_SECOND), perSecond - inFlight));
}
