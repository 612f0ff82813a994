import type { ChannelAdapter, ChannelType } from '@channel-adapters/core';

/** The channel adapters the application wires in (apps/server, apps/worker); libs never import an adapter. */
export interface ChannelAdapters {
  has(type: ChannelType): boolean;
  get(type: ChannelType): ChannelAdapter;
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');

export interface InboxRuntimeOptions {
  /** The address channels reach this server at, for adapters that register webhooks. */
  publicUrl?: string;
  /** This process consumes jobs (delivery, wake-ups) and sweeps the outbox. */
  runsJobs: boolean;
  /** Language of system messages written into conversations. */
  defaultLocale: 'ru' | 'en';
}

export const INBOX_RUNTIME = Symbol('INBOX_RUNTIME');
