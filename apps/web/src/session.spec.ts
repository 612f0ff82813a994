import { describe, expect, it } from 'vitest';
import { createSession, initialLocale, loadSession, saveSession } from './session.js';

function memoryStore() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

const user = { id: 'u1', email: 'a@example.com', name: 'Anna', role: 'agent' as const, locale: 'ru' };

describe('session storage', () => {
  it('keeps a session across loads until it expires', () => {
    const store = memoryStore();
    saveSession(store, createSession('tok', user, 60, 1_000));
    expect(loadSession(store, 30_000)).toEqual({ session: { token: 'tok', user, expiresAt: 61_000 }, expired: false });
    expect(loadSession(store, 61_000)).toEqual({ session: null, expired: true });
    expect(store.data.size).toBe(0);
  });

  it('drops a malformed stored value without failing', () => {
    const store = memoryStore();
    store.setItem('omnibox.session', '{not json');
    expect(loadSession(store)).toEqual({ session: null, expired: false });
  });

  it('picks the chosen language first, then the browser language, then Russian', () => {
    const store = memoryStore();
    expect(initialLocale(store, ['de-DE', 'en-US'])).toBe('en');
    expect(initialLocale(store, ['fr'])).toBe('ru');
    store.setItem('omnibox.locale', 'ru');
    expect(initialLocale(store, ['en-US'])).toBe('ru');
  });
});
