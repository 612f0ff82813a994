import type { ChannelAdapter, ChannelType } from '@channel-adapters/core';
import type { WebchatVisitorTransport } from './webchat/webchat-visitor.transport.js';

/** The channel adapters the application wires in (apps/server, apps/worker); libs never import an adapter. */
export interface ChannelAdapters {
  has(type: ChannelType): boolean;
  get(type: ChannelType): ChannelAdapter;
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');

/** What the inbox lends to adapters that reach customers through this server rather than over HTTP. */
export interface InboxChannelPorts {
  /** Agents' replies to visitors' open web-chat widgets (the web-chat adapter's WebchatTransport). */
  webchat: WebchatVisitorTransport;
}

/** Builds the adapters once the inbox's ports exist; the application passes this or ready-made adapters. */
export type ChannelAdaptersFactory = (ports: InboxChannelPorts) => ChannelAdapters;

export interface InboxRuntimeOptions {
  /** The address channels reach this server at, for adapters that register webhooks. */
  publicUrl?: string;
  /** This process consumes jobs (delivery, wake-ups) and sweeps the outbox. */
  runsJobs: boolean;
  /** Language of system messages written into conversations. */
  defaultLocale: 'ru' | 'en';
}

export const INBOX_RUNTIME = Symbol('INBOX_RUNTIME');
