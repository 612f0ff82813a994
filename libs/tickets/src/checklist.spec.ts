import { describe, expect, it } from 'vitest';
import type { TicketChecklistItem } from '@app/db';
import { addItem, completionOf, removeItem, replaceChecklist, toggleItem } from './checklist.js';

const bob = { id: 'bob', at: new Date('2030-01-02T10:00:00Z') };
const doneByAlice: TicketChecklistItem = { id: 'i1', text: 'Чек', done: true, doneBy: 'alice', doneAt: '2030-01-01T10:00:00.000Z' };

describe('checklist edits', () => {
  it('keeps who ticked an item when a replacement renames it without changing its mark', () => {
    const [item] = replaceChecklist([doneByAlice], [{ id: 'i1', text: 'Кассовый чек' }], bob);
    expect(item).toEqual({ ...doneByAlice, text: 'Кассовый чек' });
  });

  it('gives new ids to unknown and repeated ids and records the author of a new mark', () => {
    const items = replaceChecklist([doneByAlice], [{ id: 'i1', text: 'a' }, { id: 'i1', text: 'b', done: true }, { text: 'c' }], bob);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
    expect(items[1]).toMatchObject({ text: 'b', done: true, doneBy: 'bob', doneAt: bob.at.toISOString() });
    expect(items[2]).toMatchObject({ text: 'c', done: false, doneBy: null });
  });

  it('toggles and removes an item by id, and answers undefined for an unknown one', () => {
    const list = addItem([doneByAlice], 'Фото');
    expect(toggleItem(list, 'i1', false, bob)?.[0]).toMatchObject({ done: false, doneBy: null, doneAt: null });
    expect(toggleItem(list, 'i1', true, bob)?.[0]).toEqual(doneByAlice);
    expect(toggleItem(list, 'nope', true, bob)).toBeUndefined();
    expect(removeItem(list, 'i1')?.map((i) => i.text)).toEqual(['Фото']);
    expect(removeItem(list, 'nope')).toBeUndefined();
    expect(completionOf(list)).toEqual({ done: 1, total: 2 });
  });
});
