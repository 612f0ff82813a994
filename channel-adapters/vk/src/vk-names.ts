import type { InboundContact, InboundEvent } from '@channel-adapters/core';
import type { VkApi } from './vk-api.js';

const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
/** users.get takes at most this many ids at once. */
const MAX_IDS_PER_CALL = 1000;

/**
 * People's names from users.get (first and last name as they wrote them, in Russian so Cyrillic names
 * stay Cyrillic), remembered per community and person, so a conversation does not ask VK at every message.
 */
export class VkNameCache {
  private readonly names = new Map<string, { name: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Fills in the names of the people behind these events; a failing users.get leaves them nameless rather than losing the events. */
  async fill(events: InboundEvent[], groupId: number, api: VkApi, timeoutMs: number): Promise<void> {
    const contacts = events.flatMap(contactOf).filter((contact) => isUserId(contact.externalId) && !contact.name);
    const missing = [...new Set(contacts.map((c) => c.externalId).filter((id) => !this.cached(groupId, id)))];
    for (let start = 0; start < missing.length; start += MAX_IDS_PER_CALL) {
      const ids = missing.slice(start, start + MAX_IDS_PER_CALL);
      try {
        const users = await api.call<Array<{ id: number; first_name?: string; last_name?: string }>>('users.get', { user_ids: ids.join(','), lang: 'ru' }, { timeoutMs });
        for (const user of users) this.remember(groupId, String(user.id), [user.first_name, user.last_name].filter(Boolean).join(' ').trim());
      } catch {
        // The name is a nicety: the message must be stored even when VK cannot tell it now.
      }
    }
    for (const contact of contacts) {
      const name = this.cached(groupId, contact.externalId);
      if (name) contact.name = name;
    }
  }

  private cached(groupId: number, userId: string): string | undefined {
    const key = `${groupId}:${userId}`;
    const entry = this.names.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > TTL_MS) {
      this.names.delete(key);
      return undefined;
    }
    return entry.name;
  }

  private remember(groupId: number, userId: string, name: string): void {
    if (!name) return;
    const key = `${groupId}:${userId}`;
    this.names.delete(key);
    this.names.set(key, { name, at: this.now() });
    // A Map iterates in insertion order, so the first key is the least recently learnt.
    if (this.names.size > MAX_ENTRIES) this.names.delete(this.names.keys().next().value!);
  }
}

function contactOf(event: InboundEvent): InboundContact[] {
  return 'contact' in event && event.contact ? [event.contact] : [];
}

const isUserId = (externalId: string) => /^\d+$/.test(externalId) && Number(externalId) < 2_000_000_000;
