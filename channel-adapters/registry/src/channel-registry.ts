import { ApiChannelAdapter } from '@channel-adapters/api';
import type { ChannelAdapter, ChannelType } from '@channel-adapters/core';

export interface ChannelRegistry {
  has(type: ChannelType): boolean;
  /** Throws when no adapter exists for the type yet. */
  get(type: ChannelType): ChannelAdapter;
  /** The types that have an adapter. */
  types(): ChannelType[];
}

export type ChannelAdapters = Partial<Record<ChannelType, ChannelAdapter>>;

/** Adding a channel adds one line here. */
const defaultAdapters = (): ChannelAdapters => ({
  api: new ApiChannelAdapter(),
});

/** Maps each inbox type to its adapter; `overrides` replace or add adapters (a configured one, or a fake in tests). */
export function createChannelRegistry(overrides: ChannelAdapters = {}): ChannelRegistry {
  const adapters = new Map<ChannelType, ChannelAdapter>();
  for (const [type, adapter] of Object.entries({ ...defaultAdapters(), ...overrides }) as Array<[ChannelType, ChannelAdapter | undefined]>) {
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
