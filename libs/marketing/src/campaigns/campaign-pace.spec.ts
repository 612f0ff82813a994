import { describe, expect, it } from 'vitest';
import { perSecondFor, roomFor, TICK_MS } from './campaign-pace.js';

describe('campaign pace', () => {
  it('sends below the channel limit when paced for Telegram and VK', () => {
    expect(perSecondFor('telegram')).toBeLessThan(30);
    expect(perSecondFor('vk')).toBeLessThan(20);
  });

  it('spreads a second of sending over the ticks instead of one burst', () => {
    expect(roomFor('telegram', 0) * (1_000 / TICK_MS)).toBe(perSecondFor('telegram'));
    expect(roomFor('telegram', 0)).toBeLessThan(perSecondFor('telegram'));
  });

  it('tops the outbox up only to one second of sending when earlier messages are still waiting', () => {
    expect(roomFor('telegram', 20)).toBe(4);
    expect(roomFor('telegram', 24)).toBe(0);
    expect(roomFor('telegram', 40)).toBe(0);
  });
});
