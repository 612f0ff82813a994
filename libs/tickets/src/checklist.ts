import { v7 as uuidv7 } from 'uuid';
import type { TicketChecklistItem } from '@app/db';

/** An item as a client sends it: an existing one keeps its id (and its done mark's author unless `done` changes). */
export interface ChecklistItemInput {
  id?: string;
  text: string;
  done?: boolean;
}

export interface ChecklistActor {
  id: string | null;
  at: Date;
}

function withDone(item: TicketChecklistItem, done: boolean, actor: ChecklistActor): TicketChecklistItem {
  if (item.done === done) return item;
  return done ? { ...item, done: true, doneBy: actor.id, doneAt: actor.at.toISOString() } : { ...item, done: false, doneBy: null, doneAt: null };
}

/** The list as the client wants it; who ticked an item and when is kept from the stored list unless its mark changed. */
export function replaceChecklist(current: TicketChecklistItem[], wanted: ChecklistItemInput[], actor: ChecklistActor): TicketChecklistItem[] {
  const known = new Map(current.map((item) => [item.id, item]));
  const seen = new Set<string>();
  return wanted.map((input) => {
    const existing = input.id && !seen.has(input.id) ? known.get(input.id) : undefined;
    const base: TicketChecklistItem = existing ? { ...existing, text: input.text } : { id: uuidv7(), text: input.text, done: false, doneBy: null, doneAt: null };
    seen.add(base.id);
    return withDone(base, input.done ?? base.done, actor);
  });
}

export function addItem(current: TicketChecklistItem[], text: string): TicketChecklistItem[] {
  return [...current, { id: uuidv7(), text, done: false, doneBy: null, doneAt: null }];
}

/** Undefined when the item is not in the list. */
export function toggleItem(current: TicketChecklistItem[], itemId: string, done: boolean, actor: ChecklistActor): TicketChecklistItem[] | undefined {
  if (!current.some((item) => item.id === itemId)) return undefined;
  return current.map((item) => (item.id === itemId ? withDone(item, done, actor) : item));
}

/** Undefined when the item is not in the list. */
export function removeItem(current: TicketChecklistItem[], itemId: string): TicketChecklistItem[] | undefined {
  if (!current.some((item) => item.id === itemId)) return undefined;
  return current.filter((item) => item.id !== itemId);
}

/** Done items and all items. */
export function completionOf(items: TicketChecklistItem[]): { done: number; total: number } {
  return { done: items.filter((item) => item.done).length, total: items.length };
}
