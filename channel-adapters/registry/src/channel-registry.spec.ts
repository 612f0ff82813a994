import { describe, expect, it } from 'vitest';
import { ApiChannelAdapter } from '@channel-adapters/api';
import { channelTypes, type ChannelAdapter } from '@channel-adapters/core';
import { TelegramChannelAdapter } from '@channel-adapters/telegram';
import { VkChannelAdapter } from '@channel-adapters/vk';
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

  it('gives the telegram adapter for the telegram type', () => {
    expect(createChannelRegistry().get('telegram')).toBeInstanceOf(TelegramChannelAdapter);
  });

  it('gives the vk adapter for the vk type', () => {
    expect(createChannelRegistry().get('vk')).toBeInstanceOf(VkChannelAdapter);
  });

  it('throws a clear error naming the available types when a type has no adapter', () => {
    const registry = createChannelRegistry({ vk: undefined });
    expect(registry.has('vk')).toBe(false);
    expect(() => registry.get('vk')).toThrow(new RegExp(`No channel adapter for 'vk' yet \\(available: ${registry.types().join(', ')}\\)`));
  });

  it('lends the web-chat adapter the transport the application passes as a port', async () => {
    const deliveries: string[] = [];
    const registry = createChannelRegistry({}, { webchat: { deliver: async (delivery) => void deliveries.push(delivery.visitorId) } });
    await registry.get('webchat').send({ messageId: 'm-1', conversationId: 'c-1', contact: { externalId: 'visitor-1' }, text: 'Здравствуйте' }, { inboxId: 'i-1', settings: {} });
    expect(deliveries).toEqual(['visitor-1']);
  });

  it('uses an override in place of the default adapter', () => {
    const telegram = fakeAdapter('telegram');
    const registry = createChannelRegistry({ telegram });
    expect(registry.get('telegram')).toBe(telegram);
    expect(registry.types().filter((type) => type === 'telegram')).toEqual(['telegram']);
  });

  it('refuses an adapter registered under another type', () => {
    expect(() => createChannelRegistry({ vk: fakeAdapter('sms') })).toThrow("registered for 'vk' is a 'sms' adapter");
  });
});
