import type { Freshness } from './presence/presence.repository.js';

export interface RoutingModuleOptions {
  /** Seals automation rules' webhook secrets. */
  appSecret: string;
  /** This process runs the periodic sweeps (presence expiry, waiting queue, strict-order offers, webhook retries). */
  runsJobs: boolean;
  /** Language of automatic texts when the contact has none. */
  defaultLocale: 'ru' | 'en';
  /** An agent idle this long goes offline (AGENT_INACTIVITY_SECONDS). */
  inactivitySeconds: number;
}

export const ROUTING_OPTIONS = Symbol('ROUTING_OPTIONS');

/** A connection is gone when no heartbeat came for this long (heartbeats come every 30 s). */
export const CONNECTION_TTL_MS = 90_000;
/** How often presence, the waiting queue and expired offers are swept. */
export const SWEEP_INTERVAL_MS = 30_000;

export function freshnessOf(options: Pick<RoutingModuleOptions, 'inactivitySeconds'>): Freshness {
  return { connectionTtlMs: CONNECTION_TTL_MS, idleMs: options.inactivitySeconds * 1000 };
}
