import { ApiChannelAdapter } from '@channel-adapters/api';
import type { ChannelAdapter, ChannelType } from '@channel-adapters/core';
import { EmailChannelAdapter } from '@channel-adapters/email';
import { SmsChannelAdapter } from '@channel-adapters/sms';
import { TelegramChannelAdapter } from '@channel-adapters/telegram';
import { TelephonyChannelAdapter } from '@channel-adapters/telephony';
import { VkChannelAdapter } from '@channel-adapters/vk';
import { WebchatChannelAdapter, type WebchatTransport } from '@channel-adapters/webchat';

export interface ChannelRegistry {
  has(type: ChannelType): boolean;
  /** Throws when no adapter exists for the type yet. */
  get(type: ChannelType): ChannelAdapter;
  /** The types that have an adapter. */
  types(): ChannelType[];
}

export type ChannelAdapters = Partial<Record<ChannelType, ChannelAdapter>>;

/** What the server or the worker lends to adapters that reach customers through it rather than over HTTP. */
export interface ChannelPorts {
  /** Pushes agents' replies to visitors' open web-chat widgets. */
  webchat?: WebchatTransport;
}

/** Adding a channel adds one line here. */
const defaultAdapters = (ports: ChannelPorts): ChannelAdapters => ({
  api: new ApiChannelAdapter(),
  telegram: new TelegramChannelAdapter(),
  vk: new VkChannelAdapter(),
  email: new EmailChannelAdapter(),
  webchat: new WebchatChannelAdapter(ports.webchat),
  sms: new SmsChannelAdapter(),
  telephony: new TelephonyChannelAdapter(),
});

/** Maps each inbox type to its adapter; `overrides` replace or add adapters (a configured one, or a fake in tests). */
export function createChannelRegistry(overrides: ChannelAdapters = {}, ports: ChannelPorts = {}): ChannelRegistry {
  const adapters = new Map<ChannelType, ChannelAdapter>();
  for (const [type, adapter] of Object.entries({ ...defaultAdapters(ports), ...overrides }) as Array<[ChannelType, ChannelAdapter | undefined]>) {
    if (!adapter) continue;
    if (adapter.type !== type) throw new Error(`The adapter registered for '${type}' is a '${adapter.type}' adapter`);
    adapters.set(type, adapter);
  }
  return {
    has: (type) => adapters.has(type),
    get: (type) => {
      const adapter = adapters.get(type);
      if (adapter) return adapter;
      const available = [...adapters.keys()].join(', ') || 'none';
      throw new Error(`No channel adapter for '${type}' yet (available: ${available}); add it to the channel registry`);
    },
    types: () => [...adapters.keys()],
  };
}
