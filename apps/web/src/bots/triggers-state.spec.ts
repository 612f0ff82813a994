import { describe, expect, it } from 'vitest';
import { fromForm, toForm, triggerInboxIds } from './triggers-state.js';
import type { Trigger } from './types.js';

const triggers: Trigger[] = [
  { type: 'new_conversation', inboxId: 'tg' },
  { type: 'keyword', inboxId: 'tg', keywords: ['price', 'order'] },
  { type: 'command', inboxId: 'vk', command: '/start' },
  { type: 'command', inboxId: 'vk', command: '/menu' },
  { type: 'deal_stage', stageId: 'won' },
];

describe('trigger form', () => {
  it('turns triggers into one row per inbox and back', () => {
    const form = toForm(triggers);
    expect(form.inboxes).toEqual({
      tg: { newConversation: true, keywords: 'price, order', commands: '' },
      vk: { newConversation: false, keywords: '', commands: '/start, /menu' },
    });
    expect(fromForm(form)).toEqual(triggers);
  });

  it('drops empty entries and adds the slash a command needs', () => {
    const form = { inboxes: { tg: { newConversation: false, keywords: ' , hi ,hi', commands: 'start' } }, stageIds: [] };
    expect(fromForm(form)).toEqual([
      { type: 'keyword', inboxId: 'tg', keywords: ['hi'] },
      { type: 'command', inboxId: 'tg', command: '/start' },
    ]);
  });

  it('names each inbox once for the list', () => {
    expect(triggerInboxIds(triggers)).toEqual(['tg', 'vk']);
  });
});
