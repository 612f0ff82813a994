import { describe, expect, it } from 'vitest';
import { ApiChannelAdapter } from '@channel-adapters/api';
import { channelTypes, type ChannelAdapter } from '@channel-adapters/core';
import { createChannelRegistry } from './channel-registry.js';

const fakeAdapter = (type: ChannelAdapter['type']): ChannelAdapter => ({
  type,
  capabilities: { maxTextLength: 4096, buttons: true, media: [], edits: true, replies: true, typing: true },
  verify: async () => undefined,
  parse: async () => ({ events: [] }),
  send: async () => ({ externalId: '1' }),
});

describe('createChannelRegistry', () => {
  it('gives the api adapter for the api type', () => {
    const registry = createChannelRegistry();
    expect(registry.has('api')).toBe(true);
    expect(registry.get('api')).toBeInstanceOf(ApiChannelAdapter);
  });

  it('registers every adapter under its own type', () => {
    const registry = createChannelRegistry();
    for (const type of registry.types()) {
      expect(channelTypes).toContain(type);
      expect(registry.get(type).type).toBe(type);
    }
  });

  it('throws a clear error when a type has no adapter yet', () => {
    const registry = createChannelRegistry();
    expect(registry.has('telegram')).toBe(false);
    expect(() => registry.get('telegram')).toThrow("No channel adapter for 'telegram' yet (available: api)");
  });

  it('uses an override in place of the default adapter', () => {
    const telegram = fakeAdapter('telegram');
    const registry = createChannelRegistry({ telegram });
    expect(registry.get('telegram')).toBe(telegram);
    expect(registry.types().sort()).toEqual(['api', 'telegram']);
  });

  it('refuses an adapter registered under another type', () => {
    expect(() => createChannelRegistry({ vk: fakeAdapter('sms') })).toThrow("registered for 'vk' is a 'sms' adapter");
  });
});
